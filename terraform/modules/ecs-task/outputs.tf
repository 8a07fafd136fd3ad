output "task_definition_arn" {
  description = "ARN (with revision) of the task definition."
  value       = aws_ecs_task_definition.this.arn
}

output "family" {
  description = "Task definition family; `aws ecs run-task --task-definition <family>` runs the latest revision."
  value       = aws_ecs_task_definition.this.family
}

output "container_name" {
  description = "Name of the application container (for load balancer attachments and overrides)."
  value       = var.name
}

output "container_definitions" {
  description = "The rendered container definitions (JSON)."
  value       = aws_ecs_task_definition.this.container_definitions
}

output "security_group_id" {
  description = "Security group of the task."
  value       = aws_security_group.this.id
}

output "task_role_name" {
  description = "Name of the task role (what the application may do)."
  value       = aws_iam_role.task.name
}

output "task_role_arn" {
  description = "ARN of the task role."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "ARN of the execution role (what ECS needs to start the task)."
  value       = aws_iam_role.execution.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the task's containers."
  value       = aws_cloudwatch_log_group.this.name
}

output "network_configuration" {
  description = "The awsvpc network configuration to run the task with (JSON for `aws ecs run-task --network-configuration`): private subnets, its own security group, no public IP."
  value = jsonencode({
    awsvpcConfiguration = {
      subnets        = var.subnet_ids
      securityGroups = [aws_security_group.this.id]
      assignPublicIp = "DISABLED"
    }
  })
}

output "run_task_command" {
  description = "The AWS CLI command that runs this task once (one-off tasks such as topics apply)."
  value = join(" ", [
    "aws ecs run-task",
    "--region ${var.region}",
    "--cluster ${var.cluster_name}",
    "--launch-type FARGATE",
    "--task-definition ${aws_ecs_task_definition.this.family}",
    "--started-by ${var.name}",
    "--network-configuration '${jsonencode({ awsvpcConfiguration = { subnets = var.subnet_ids, securityGroups = [aws_security_group.this.id], assignPublicIp = "DISABLED" } })}'",
  ])
}
