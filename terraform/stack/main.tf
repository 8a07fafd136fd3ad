# The whole platform for one environment. envs/dev and envs/prod instantiate this with
# their own sizes, so what runs in prod is exactly what was proven in dev.

locals {
  name = "fanout-${var.environment}"

  services     = module.catalog.services
  ops_repo     = module.catalog.ops_repository
  repositories = setunion(keys(local.services), [local.ops_repo])

  sizing = {
    for svc in keys(local.services) : svc => merge(
      var.service_defaults,
      { for k, v in try(var.service_overrides[svc], {}) : k => v if v != null },
    )
  }

  # Path rules on the shared listener, in a stable order.
  rest_services = sort([for svc, s in local.services : svc if length(s.http_paths) > 0])

  missing_image_tags = sort(setsubtract(local.repositories, keys(var.image_tags)))
  image = {
    for r in local.repositories : r => "${module.ecr.repository_urls[r]}:${lookup(var.image_tags, r, "missing")}"
  }
}

module "catalog" {
  source = "../modules/catalog"
}

data "aws_availability_zones" "available" {
  state = "available"

  # Local Zones and Wavelength Zones are opt-in; stay on the region's regular zones.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }

  lifecycle {
    postcondition {
      condition     = length(self.names) >= 3
      error_message = "Fanout needs a region with at least three availability zones (one Kafka broker per zone)."
    }
  }
}

module "network" {
  source = "../modules/network"

  name                        = local.name
  cidr_block                  = var.network.cidr_block
  availability_zones          = slice(sort(data.aws_availability_zones.available.names), 0, 3)
  nat_gateway_mode            = var.network.nat_gateway_mode
  interface_endpoint_az_count = var.network.interface_endpoint_az_count
  flow_log_traffic_type       = var.network.flow_log_traffic_type
}

module "ecr" {
  source = "../modules/ecr"

  repositories = local.repositories
  force_delete = !var.protect_data
}

module "ecs_cluster" {
  source = "../modules/ecs-cluster"

  name                = local.name
  vpc_id              = module.network.vpc_id
  public_subnet_ids   = module.network.public_subnet_ids
  certificate_arn     = var.certificate_arn
  ingress_cidr_blocks = var.ingress_cidr_blocks
  deletion_protection = var.protect_data
}

module "msk" {
  source = "../modules/msk"

  name                 = local.name
  vpc_id               = module.network.vpc_id
  subnet_ids           = module.network.data_subnet_ids
  broker_instance_type = var.msk.broker_instance_type
  ebs_volume_size      = var.msk.ebs_volume_size
  max_ebs_volume_size  = var.msk.max_ebs_volume_size
  enhanced_monitoring  = var.msk.enhanced_monitoring
  ops_writable_topics  = keys(module.catalog.topics)
}

module "rds" {
  source = "../modules/rds"

  name                  = local.name
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.data_subnet_ids
  instances             = var.database.instances
  serverless_capacity   = var.database.serverless_capacity
  backup_retention_days = var.database.backup_retention_days
  databases             = { for svc, s in local.services : svc => s.database_schema }
  deletion_protection   = var.protect_data
  final_snapshot        = var.protect_data
  secret_recovery_days  = var.protect_data ? 7 : 0
}

module "elasticache" {
  source = "../modules/elasticache"

  name                    = local.name
  vpc_id                  = module.network.vpc_id
  subnet_ids              = module.network.data_subnet_ids
  node_type               = var.cache.node_type
  nodes                   = var.cache.nodes
  snapshot_retention_days = var.protect_data ? 1 : 0
  secret_recovery_days    = var.protect_data ? 7 : 0
}
