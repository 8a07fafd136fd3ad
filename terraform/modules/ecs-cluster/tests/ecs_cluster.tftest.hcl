mock_provider "aws" {}

variables {
  name              = "fanout-test"
  vpc_id            = "vpc-0123456789abcdef0"
  public_subnet_ids = ["subnet-a", "subnet-b", "subnet-c"]
}

run "container_insights_on" {
  command = plan

  assert {
    condition     = contains([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"], "enabled")
    error_message = "Lag autoscaling and the task alarms read Container Insights metrics: it must be on."
  }
}

run "https_with_a_certificate_and_redirect" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:eu-west-2:111122223333:certificate/abc"
  }

  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.https[0].ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    error_message = "With a certificate the API is served over TLS 1.2+ only."
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
    error_message = "Port 80 must redirect to HTTPS."
  }

  assert {
    condition     = toset([for r in values(aws_vpc_security_group_ingress_rule.alb) : r.from_port]) == toset([80, 443])
    error_message = "The load balancer accepts 80 and 443 only."
  }
}

run "plain_http_without_a_certificate" {
  command = plan

  assert {
    condition     = length(aws_lb_listener.https) == 0 && aws_lb_listener.http.default_action[0].type == "fixed-response"
    error_message = "Without a certificate port 80 serves the rules and answers 404 for the rest."
  }

  assert {
    condition     = toset([for r in values(aws_vpc_security_group_ingress_rule.alb) : r.from_port]) == toset([80])
    error_message = "Without a certificate only port 80 is open."
  }

  assert {
    condition     = aws_lb.this.internal == false && aws_lb.this.drop_invalid_header_fields
    error_message = "Internet-facing, dropping invalid headers."
  }
}
