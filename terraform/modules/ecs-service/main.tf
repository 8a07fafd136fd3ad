locals {
  family = "${var.name_prefix}-${var.name}"

  kafka_environment = {
    KAFKA_BOOTSTRAP_SERVERS                  = var.kafka.bootstrap_brokers
    KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
    KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
    KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  }

  connections = merge(var.connections, {
    kafka = { security_group_id = var.kafka.security_group_id, port = var.kafka.port }
  })

  health_check_command = var.container_health_check ? [
    "CMD-SHELL", "curl -fsS http://localhost:${var.container_port}${var.liveness_path} || exit 1",
  ] : null
}

module "task" {
  source = "../ecs-task"

  name                      = var.name
  name_prefix               = var.name_prefix
  region                    = var.region
  cluster_name              = var.cluster.name
  vpc_id                    = var.vpc_id
  subnet_ids                = var.subnet_ids
  image                     = var.image
  image_repository_arns     = [var.image_repository_arn]
  cpu                       = var.cpu
  memory                    = var.memory
  cpu_architecture          = var.cpu_architecture
  container_port            = var.container_port
  environment               = merge(var.environment, local.kafka_environment)
  secrets                   = var.secrets
  secrets_kms_key_arns      = var.secrets_kms_key_arns
  health_check_command      = local.health_check_command
  sidecars                  = local.sidecars
  connections               = local.connections
  enable_execute_command    = var.enable_execute_command
  log_retention_days        = var.log_retention_days
  read_only_root_filesystem = true

  task_role_policies = merge(
    { kafka = data.aws_iam_policy_document.kafka.json },
    local.metrics_enabled ? { metrics = data.aws_iam_policy_document.metrics[0].json } : {},
  )
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = var.cluster.arn
  task_definition = module.task.task_definition_arn
  # Autoscaling owns the count after creation (see ignore_changes).
  desired_count    = var.autoscaling.min_tasks
  platform_version = "LATEST"

  capacity_provider_strategy {
    capacity_provider = var.capacity_provider
    weight            = 1
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [module.task.security_group_id]
    assign_public_ip = false
  }

  # Rolling deployment that never drops below the running count, and rolls back on
  # its own when new tasks keep failing to start or to pass health checks.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_controller {
    type = "ECS"
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [1]

    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = module.task.container_name
      container_port   = var.container_port
    }
  }

  health_check_grace_period_seconds = var.load_balancer == null ? null : 30
  availability_zone_rebalancing     = "ENABLED"
  enable_execute_command            = var.enable_execute_command
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = var.wait_for_steady_state

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.this]
}
