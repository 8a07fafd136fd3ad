locals {
  family = "${var.name_prefix}-${var.name}"

  log_configuration = {
    logDriver = "awslogs"
    options = {
      "awslogs-group"  = aws_cloudwatch_log_group.this.name
      "awslogs-region" = var.region
      # Streams are named <container>/<container>/<task-id>: one stream per task.
      "awslogs-stream-prefix" = var.name
      # Never block the application on log back-pressure; buffer and drop instead.
      "mode"            = "non-blocking"
      "max-buffer-size" = "25m"
    }
  }

  app_container = merge(
    {
      name        = var.name
      image       = var.image
      essential   = true
      environment = [for k in sort(keys(var.environment)) : { name = k, value = var.environment[k] }]
      secrets     = [for k in sort(keys(var.secrets)) : { name = k, valueFrom = var.secrets[k] }]
      portMappings = var.container_port == null ? [] : [{
        name          = "http"
        containerPort = var.container_port
        hostPort      = var.container_port
        protocol      = "tcp"
        appProtocol   = "http"
      }]
      readonlyRootFilesystem = var.read_only_root_filesystem
      mountPoints            = var.read_only_root_filesystem ? [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }] : []
      stopTimeout            = var.stop_timeout
      # An init process reaps zombies and forwards SIGTERM to the application.
      linuxParameters  = { initProcessEnabled = true }
      logConfiguration = local.log_configuration
    },
    var.entry_point == null ? {} : { entryPoint = var.entry_point },
    var.command == null ? {} : { command = var.command },
    var.health_check_command == null ? {} : {
      healthCheck = {
        command     = var.health_check_command
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = var.health_check_start_period
      }
    },
  )

  sidecar_containers = [
    for s in var.sidecars : merge(
      {
        name              = s.name
        image             = s.image
        essential         = false
        cpu               = s.cpu
        memoryReservation = s.memory_reservation
        environment       = [for k in sort(keys(s.environment)) : { name = k, value = s.environment[k] }]
        logConfiguration  = local.log_configuration
      },
      s.command == null ? {} : { command = s.command },
    )
  ]
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name_prefix}/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(concat([local.app_container], local.sidecar_containers))

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "volume" {
    for_each = var.read_only_root_filesystem ? ["tmp"] : []

    content {
      name = volume.value
    }
  }

  lifecycle {
    precondition {
      condition     = length(setintersection(keys(var.environment), keys(var.secrets))) == 0
      error_message = "A variable cannot be both plain environment and a secret: ${join(", ", setintersection(keys(var.environment), keys(var.secrets)))}."
    }

    precondition {
      condition     = sum(concat([0], [for s in var.sidecars : s.memory_reservation])) < var.memory / 2
      error_message = "Sidecars reserve more than half of the task's memory; the application would starve."
    }
  }
}
