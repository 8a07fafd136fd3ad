output "api_base_url" {
  description = "Base URL of the public API."
  value       = module.fanout.api_base_url
}

output "ecr_repository_urls" {
  description = "Where to push images: repository => URL."
  value       = module.fanout.ecr_repository_urls
}

output "ecs_cluster_name" {
  description = "ECS cluster of the environment."
  value       = module.fanout.ecs_cluster_name
}

output "kafka_bootstrap_brokers" {
  description = "MSK bootstrap servers (inside the VPC only)."
  value       = module.fanout.kafka_bootstrap_brokers
}

output "run_commands" {
  description = "AWS CLI commands for the one-off tasks (db_bootstrap, topics_apply)."
  value       = module.fanout.run_commands
}

output "ops_task" {
  description = "The ops CLI task, for runs with a command override."
  value       = module.fanout.ops_task
}

output "services" {
  description = "Per service: task role, log group, effective task bounds."
  value       = module.fanout.services
}

output "dashboard_url" {
  description = "CloudWatch dashboard."
  value       = module.fanout.dashboard_url
}

output "alarm_topic_arn" {
  description = "SNS topic of all alarms."
  value       = module.fanout.alarm_topic_arn
}

output "nat_public_ips" {
  description = "Egress IP addresses."
  value       = module.fanout.nat_public_ips
}
