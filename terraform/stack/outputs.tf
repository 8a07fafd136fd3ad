output "api_base_url" {
  description = "Base URL of the public API (order, notification and analytics endpoints)."
  value       = module.ecs_cluster.base_url
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (CNAME or alias your domain to it)."
  value       = module.ecs_cluster.alb_dns_name
}

output "ecr_repository_urls" {
  description = "Where to push images: repository => URL."
  value       = module.ecr.repository_urls

  # Every service and the ops CLI must have a tag; a missing one is an error at plan.
  precondition {
    condition     = length(local.missing_image_tags) == 0
    error_message = "image_tags has no tag for: ${join(", ", local.missing_image_tags)}."
  }
}

output "ecs_cluster_name" {
  description = "ECS cluster of the services and one-off tasks."
  value       = module.ecs_cluster.cluster_name
}

output "kafka_bootstrap_brokers" {
  description = "MSK bootstrap servers (SASL/IAM over TLS, reachable from inside the VPC only)."
  value       = module.msk.bootstrap_brokers_iam
}

output "run_commands" {
  description = "Ready-to-run AWS CLI commands for the one-off tasks: database bootstrap (roles and schemas) and topics apply."
  value = {
    db_bootstrap = module.db_bootstrap_task.run_task_command
    topics_apply = module.ops_task.run_task_command
  }
}

output "ops_task" {
  description = "The ops CLI task: family, container name and network configuration, for runs with a command override (dlq, replay, lag)."
  value = {
    family                = module.ops_task.family
    container_name        = module.ops_task.container_name
    network_configuration = module.ops_task.network_configuration
  }
}

output "services" {
  description = "service => { task role, log group, effective task bounds }."
  value = {
    for svc, m in module.service : svc => {
      task_role = m.task_role_name
      log_group = m.log_group_name
      scaling   = m.scaling
    }
  }
}

output "dashboard_url" {
  description = "CloudWatch dashboard of the environment."
  value       = module.observability.dashboard_url
}

output "alarm_topic_arn" {
  description = "SNS topic all alarms notify."
  value       = module.observability.alarm_topic_arn
}

output "nat_public_ips" {
  description = "Egress addresses of the platform (for third-party allow-lists)."
  value       = module.network.nat_public_ips
}
