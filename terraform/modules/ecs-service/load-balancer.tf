# Only for services with public REST: a target group, a path rule on the shared
# listener, and the security group pair ALB -> task on the container port.

resource "aws_lb_target_group" "this" {
  count = var.load_balancer == null ? 0 : 1

  name        = local.family
  target_type = "ip"
  port        = var.container_port
  protocol    = "HTTP"
  vpc_id      = var.vpc_id
  # Long enough for in-flight requests; Quarkus shuts down gracefully within it.
  deregistration_delay = "30"

  health_check {
    path                = var.readiness_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    precondition {
      condition     = length(local.family) <= 32
      error_message = "Target group names are limited to 32 characters; \"${local.family}\" is longer. Shorten name_prefix."
    }
  }
}

resource "aws_lb_listener_rule" "this" {
  count = var.load_balancer == null ? 0 : 1

  listener_arn = var.load_balancer.listener_arn
  priority     = var.load_balancer.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }

  condition {
    path_pattern {
      values = var.load_balancer.path_patterns
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  count = var.load_balancer == null ? 0 : 1

  security_group_id            = module.task.security_group_id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = var.load_balancer.security_group_id
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_service" {
  count = var.load_balancer == null ? 0 : 1

  security_group_id            = var.load_balancer.security_group_id
  description                  = "To ${var.name} on ${var.container_port}"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = module.task.security_group_id
}
