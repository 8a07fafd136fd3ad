module "observability" {
  source = "../modules/observability"

  name             = local.name
  region           = var.region
  ecs_cluster_name = module.ecs_cluster.cluster_name
  load_balancer    = { arn_suffix = module.ecs_cluster.alb_arn_suffix }
  alarm_emails     = var.alarm_emails

  msk = {
    cluster_name = module.msk.cluster_name
    broker_count = module.msk.broker_count
  }

  services = {
    for svc, s in local.services : svc => {
      consumer_group = s.consumer_group
      consumes       = s.consumes
      has_outbox     = s.has_outbox
      target_group   = length(s.http_paths) > 0 ? { arn_suffix = module.service[svc].target_group_arn_suffix } : null
    }
  }
}
