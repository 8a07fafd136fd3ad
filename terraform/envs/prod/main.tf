# prod: every tier survives the loss of a zone (NAT and endpoints per zone, a database
# reader to fail over to, a cache replica, at least two tasks per service), data is
# protected from deletion and snapshotted on destroy.
module "fanout" {
  source = "../../stack"

  environment           = "prod"
  region                = var.region
  image_tags            = var.image_tags
  alarm_emails          = var.alarm_emails
  certificate_arn       = var.certificate_arn
  ingress_cidr_blocks   = var.ingress_cidr_blocks
  wait_for_steady_state = var.wait_for_steady_state
  protect_data          = true
  log_retention_days    = 90

  network = {
    cidr_block                  = "10.30.0.0/16"
    nat_gateway_mode            = "per_az"
    interface_endpoint_az_count = 3
    flow_log_traffic_type       = "ALL"
  }

  msk = {
    broker_instance_type = "kafka.m7g.large"
    ebs_volume_size      = 200
    max_ebs_volume_size  = 2000
    # Broker-level latency and request-queue metrics; consumer lag is already in DEFAULT.
    enhanced_monitoring = "PER_BROKER"
  }

  database = {
    # A writer and a reader in another zone: failover in about 30 s instead of
    # minutes to create a new instance.
    instances = {
      a = { promotion_tier = 0 }
      b = { promotion_tier = 1 }
    }
    serverless_capacity   = { min = 1, max = 16 }
    backup_retention_days = 14
  }

  cache = {
    node_type = "cache.t4g.medium"
    nodes     = 2
  }

  service_defaults = {
    cpu               = 512
    memory            = 1024
    min_tasks         = 2
    max_tasks         = 6
    lag_per_task      = 1000
    capacity_provider = "FARGATE"
  }

  service_overrides = {
    # Takes every order over the public API: one task per zone at all times.
    "order-service" = { min_tasks = 3 }
  }
}
