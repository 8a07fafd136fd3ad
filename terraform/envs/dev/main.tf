# dev: the whole platform at the smallest size that still behaves like prod (three
# brokers over three zones, IAM, TLS, the same alarms), with the money saved where
# availability does not matter: one NAT gateway, endpoints in one zone, Fargate Spot,
# one database instance, one cache node, no deletion protection.
module "fanout" {
  source = "../../stack"

  environment           = "dev"
  region                = var.region
  image_tags            = var.image_tags
  alarm_emails          = var.alarm_emails
  certificate_arn       = var.certificate_arn
  ingress_cidr_blocks   = var.ingress_cidr_blocks
  wait_for_steady_state = var.wait_for_steady_state
  protect_data          = false
  log_retention_days    = 14

  network = {
    cidr_block                  = "10.20.0.0/16"
    nat_gateway_mode            = "single"
    interface_endpoint_az_count = 1
    flow_log_traffic_type       = "REJECT"
  }

  msk = {
    broker_instance_type = "kafka.t3.small"
    ebs_volume_size      = 20
    max_ebs_volume_size  = 100
    enhanced_monitoring  = "DEFAULT"
  }

  database = {
    instances             = { one = {} }
    serverless_capacity   = { min = 0.5, max = 4 }
    backup_retention_days = 1
  }

  cache = {
    node_type = "cache.t4g.micro"
    nodes     = 1
  }

  service_defaults = {
    cpu               = 256
    memory            = 512
    min_tasks         = 1
    max_tasks         = 2
    lag_per_task      = 500
    capacity_provider = "FARGATE_SPOT"
  }

  enable_execute_command = true
}
