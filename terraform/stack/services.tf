module "service" {
  source   = "../modules/ecs-service"
  for_each = local.services

  name                 = each.key
  name_prefix          = local.name
  region               = var.region
  cluster              = { name = module.ecs_cluster.cluster_name, arn = module.ecs_cluster.cluster_arn }
  vpc_id               = module.network.vpc_id
  subnet_ids           = module.network.private_subnet_ids
  image                = local.image[each.key]
  image_repository_arn = module.ecr.repository_arns[each.key]
  container_port       = module.catalog.container_port
  readiness_path       = module.catalog.health_paths.readiness
  liveness_path        = module.catalog.health_paths.liveness
  cpu                  = local.sizing[each.key].cpu
  memory               = local.sizing[each.key].memory
  capacity_provider    = local.sizing[each.key].capacity_provider
  log_retention_days   = var.log_retention_days

  autoscaling = {
    min_tasks    = local.sizing[each.key].min_tasks
    max_tasks    = local.sizing[each.key].max_tasks
    lag_per_task = local.sizing[each.key].lag_per_task
  }

  kafka = {
    cluster_arn        = module.msk.cluster_arn
    cluster_name       = module.msk.cluster_name
    bootstrap_brokers  = module.msk.bootstrap_brokers_iam
    security_group_id  = module.msk.security_group_id
    port               = module.msk.client_port
    produces           = each.value.produces
    consumes           = { for t in each.value.consumes : t => module.catalog.topics[t].partitions }
    dead_letter_topics = each.value.dlq_topics
    consumer_group     = each.value.consumer_group
  }

  environment = merge(
    {
      QUARKUS_PROFILE                 = "prod"
      QUARKUS_DATASOURCE_REACTIVE_URL = "postgresql://${module.rds.endpoint}:${module.rds.port}/${module.rds.database_name}"
      QUARKUS_DATASOURCE_JDBC_URL     = "jdbc:postgresql://${module.rds.endpoint}:${module.rds.port}/${module.rds.database_name}?sslmode=require"
      # Aurora refuses plain-text connections (rds.force_ssl). The RDS CA is not in the
      # default trust store, so the reactive client encrypts without verifying the
      # certificate, like the JDBC URL's sslmode=require. To verify, ship the RDS CA
      # bundle in the image and switch to verify-full (see README).
      QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE = "require"
      QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL           = "true"
    },
    each.value.uses_redis ? { QUARKUS_REDIS_HOSTS = module.elasticache.url } : {},
  )

  secrets = merge(
    {
      QUARKUS_DATASOURCE_USERNAME = "${module.rds.service_credentials[each.key].secret_arn}:username::"
      QUARKUS_DATASOURCE_PASSWORD = "${module.rds.service_credentials[each.key].secret_arn}:password::"
    },
    each.value.uses_redis ? { QUARKUS_REDIS_PASSWORD = module.elasticache.auth_token_secret_arn } : {},
  )

  connections = merge(
    { postgres = { security_group_id = module.rds.security_group_id, port = module.rds.port } },
    each.value.uses_redis ? { redis = { security_group_id = module.elasticache.security_group_id, port = module.elasticache.port } } : {},
  )

  load_balancer = length(each.value.http_paths) == 0 ? null : {
    listener_arn      = module.ecs_cluster.listener_arn
    security_group_id = module.ecs_cluster.alb_security_group_id
    path_patterns     = each.value.http_paths
    priority          = 100 + 10 * index(local.rest_services, each.key)
  }

  enable_execute_command = var.enable_execute_command
  wait_for_steady_state  = var.wait_for_steady_state
}
