output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "Task definition revision the service runs."
  value       = module.task.task_definition_arn
}

output "security_group_id" {
  description = "Security group of the service's tasks."
  value       = module.task.security_group_id
}

output "task_role_name" {
  description = "Task role of the service (its Kafka and metrics permissions)."
  value       = module.task.task_role_name
}

output "log_group_name" {
  description = "Log group of the service's containers."
  value       = module.task.log_group_name
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the target group (the TargetGroup dimension of AWS/ApplicationELB metrics); null without a load balancer."
  value       = var.load_balancer == null ? null : aws_lb_target_group.this[0].arn_suffix
}

output "consumer_group" {
  description = "Kafka consumer group id of the service."
  value       = local.consumer_group
}

output "scaling" {
  description = "Effective task bounds: max_tasks is already capped at the partition count."
  value = {
    min_tasks = var.autoscaling.min_tasks
    max_tasks = local.max_tasks
  }
}
