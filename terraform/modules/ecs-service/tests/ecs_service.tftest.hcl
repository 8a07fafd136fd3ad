# Role ARNs known at plan time, so the rendered task definition is complete (the iac
# checker validates it against the ECS API model).
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::111122223333:role/fanout-test-role"
    }
  }
}

# billing-service as the catalog describes it: produces payments.v1, consumes orders.v1.
variables {
  name                 = "billing-service"
  name_prefix          = "fanout-test"
  region               = "eu-west-2"
  cluster              = { name = "fanout-test", arn = "arn:aws:ecs:eu-west-2:111122223333:cluster/fanout-test" }
  vpc_id               = "vpc-0123456789abcdef0"
  subnet_ids           = ["subnet-a", "subnet-b", "subnet-c"]
  image                = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/billing-service:1.0.0"
  image_repository_arn = "arn:aws:ecr:eu-west-2:111122223333:repository/billing-service"
  autoscaling          = { min_tasks = 1, max_tasks = 10 }
  kafka = {
    cluster_arn        = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3"
    cluster_name       = "fanout-test"
    bootstrap_brokers  = "b-1.fanout-test.kafka.eu-west-2.amazonaws.com:9098,b-2.fanout-test.kafka.eu-west-2.amazonaws.com:9098"
    security_group_id  = "sg-msk"
    produces           = ["payments.v1"]
    consumes           = { "orders.v1" = 6 }
    dead_letter_topics = ["billing-service.orders.v1.dlq"]
  }
}

run "scaling_is_capped_at_the_partition_count" {
  command = plan

  assert {
    condition     = aws_appautoscaling_target.this.max_capacity == 6
    error_message = "max_tasks 10 must be capped at the 6 partitions of orders.v1."
  }

  assert {
    condition     = aws_appautoscaling_target.this.min_capacity == 1 && aws_appautoscaling_target.this.resource_id == "service/fanout-test/billing-service"
    error_message = "The scalable target must be this service's desired count, from min_tasks."
  }
}

run "scales_on_msk_consumer_lag_per_task" {
  command = plan

  assert {
    condition     = length(aws_appautoscaling_policy.consumer_lag) == 1
    error_message = "A consumer needs a lag-based scaling policy."
  }

  assert {
    condition = [
      for m in aws_appautoscaling_policy.consumer_lag[0].target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics :
      { for d in m.metric_stat[0].metric[0].dimensions : d.name => d.value }
      if try(m.metric_stat[0].metric[0].metric_name, "") == "SumOffsetLag"
      ] == [{
        "Cluster Name"   = "fanout-test"
        "Consumer Group" = "billing-service"
        "Topic"          = "orders.v1"
    }]
    error_message = "Lag must be MSK's SumOffsetLag of this service's group, one query per consumed topic."
  }

  assert {
    condition = one([
      for m in aws_appautoscaling_policy.consumer_lag[0].target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics :
      m.expression if m.return_data
    ]) == "lag_total / IF(tasks >= 1, tasks, 1)"
    error_message = "The policy must track lag per running task, and only that series may be returned."
  }

  assert {
    condition     = aws_appautoscaling_policy.consumer_lag[0].target_tracking_scaling_policy_configuration[0].target_value == 1000
    error_message = "The default target is 1000 records of lag per task."
  }
}

run "task_role_touches_only_its_own_topics_and_groups" {
  command = plan

  assert {
    condition = toset(flatten([for s in data.aws_iam_policy_document.kafka.statement : s.resources if contains(s.actions, "kafka-cluster:WriteData")])) == toset([
      "arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/payments.v1",
      "arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/billing-service.orders.v1.dlq",
    ])
    error_message = "billing-service may write payments.v1 and its own DLQ, nothing else."
  }

  assert {
    condition = toset(flatten([for s in data.aws_iam_policy_document.kafka.statement : s.resources if contains(s.actions, "kafka-cluster:ReadData")])) == toset([
      "arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/orders.v1",
    ])
    error_message = "billing-service may read orders.v1 only."
  }

  assert {
    condition = toset(flatten([for s in data.aws_iam_policy_document.kafka.statement : s.resources if contains(s.actions, "kafka-cluster:AlterGroup")])) == toset([
      "arn:aws:kafka:eu-west-2:111122223333:group/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/billing-service*",
    ])
    error_message = "billing-service may join its own group and its replay groups (billing-service-rebuild-...) only."
  }

  # The properties the issue names outright: no other service's topics, no wildcards.
  assert {
    condition = length([
      for r in flatten([for s in data.aws_iam_policy_document.kafka.statement : s.resources]) : r
      if endswith(r, "/orders.v1") && anytrue([for s in data.aws_iam_policy_document.kafka.statement : contains(s.resources, r) && contains(s.actions, "kafka-cluster:WriteData")])
    ]) == 0
    error_message = "billing-service must not be able to write orders.v1."
  }

  assert {
    condition = length([
      for r in flatten([for s in data.aws_iam_policy_document.kafka.statement : s.resources]) : r
      if strcontains(r, ":topic/") && (strcontains(r, "*") || endswith(r, "/inventory.v1") || endswith(r, "/shipments.v1") || endswith(r, "/notifications.v1"))
    ]) == 0
    error_message = "No topic wildcard, and no access at all to topics billing-service does not use."
  }

  assert {
    condition     = alltrue([for s in data.aws_iam_policy_document.kafka.statement : alltrue([for a in s.actions : !strcontains(a, "*") && !contains(["kafka-cluster:DeleteTopic", "kafka-cluster:CreateTopic", "kafka-cluster:AlterTopic", "kafka-cluster:AlterCluster"], a)])])
    error_message = "Services must not create, alter or delete topics, or alter the cluster."
  }
}

run "no_public_ip_and_rollback_on_failed_deployments" {
  command = plan

  assert {
    condition     = aws_ecs_service.this.network_configuration[0].assign_public_ip == false
    error_message = "Tasks must never get a public IP."
  }

  assert {
    condition     = aws_ecs_service.this.deployment_circuit_breaker[0].enable && aws_ecs_service.this.deployment_circuit_breaker[0].rollback
    error_message = "The deployment circuit breaker must be on, with automatic rollback."
  }

  assert {
    condition     = aws_ecs_service.this.deployment_minimum_healthy_percent == 100
    error_message = "Deployments must not drop below the running task count."
  }
}

run "task_definition_speaks_msk_iam_and_checks_liveness" {
  command = plan

  assert {
    condition = alltrue([
      for k, v in {
        KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
        KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
        KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
        KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
      } : contains(jsondecode(module.task.container_definitions)[0].environment, { name = k, value = v })
    ])
    error_message = "The container must get the MSK IAM client settings."
  }

  assert {
    condition     = strcontains(jsondecode(module.task.container_definitions)[0].healthCheck.command[1], "/q/health/live")
    error_message = "The container health check must probe liveness (readiness failing on a dependency must not restart tasks)."
  }

  assert {
    condition     = local.connections.kafka.port == 9098 && local.connections.kafka.security_group_id == "sg-msk"
    error_message = "The task must reach the brokers on 9098 (SASL/IAM over TLS), through the MSK security group."
  }
}

run "metrics_sidecar_ships_the_alarm_metrics" {
  command = plan

  assert {
    condition     = jsondecode(module.task.container_definitions)[1].name == "metrics-collector" && jsondecode(module.task.container_definitions)[1].essential == false
    error_message = "The metrics collector runs as a non-essential sidecar."
  }

  assert {
    condition = [
      for d in yamldecode(one([for e in jsondecode(module.task.container_definitions)[1].environment : e.value if e.name == "AOT_CONFIG_CONTENT"])).exporters.awsemf.metric_declarations :
      d.dimensions
    ] == [[["service"]], [["service", "outcome"]]]
    error_message = "Outbox gauges go by service, consumer outcomes by service and outcome: the dimensions the alarms query."
  }
}

run "rest_service_sits_behind_the_load_balancer" {
  command = plan

  variables {
    name = "notification-service"
    kafka = {
      cluster_arn        = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3"
      cluster_name       = "fanout-test"
      bootstrap_brokers  = "b-1.fanout-test.kafka.eu-west-2.amazonaws.com:9098"
      security_group_id  = "sg-msk"
      produces           = ["notifications.v1"]
      consumes           = { "orders.v1" = 6, "shipments.v1" = 6 }
      dead_letter_topics = ["notification-service.orders.v1.dlq", "notification-service.shipments.v1.dlq"]
    }
    load_balancer = {
      listener_arn      = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:listener/app/fanout-test/1/2"
      security_group_id = "sg-alb"
      path_patterns     = ["/notifications*"]
      priority          = 20
    }
  }

  assert {
    condition     = aws_lb_target_group.this[0].health_check[0].path == "/q/health/ready" && aws_lb_target_group.this[0].target_type == "ip" && aws_lb_target_group.this[0].port == 8080
    error_message = "The ALB routes to task IPs on 8080 and only to tasks that are ready."
  }

  assert {
    condition     = toset(flatten([for c in aws_lb_listener_rule.this[0].condition : [for p in c.path_pattern : p.values]])) == toset(["/notifications*"])
    error_message = "The rule must forward the service's own paths."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_load_balancer[0].referenced_security_group_id == "sg-alb" && aws_vpc_security_group_ingress_rule.from_load_balancer[0].from_port == 8080 && aws_vpc_security_group_ingress_rule.from_load_balancer[0].to_port == 8080
    error_message = "Tasks accept traffic from the load balancer's group on 8080 only."
  }

  assert {
    condition     = length([for m in aws_appautoscaling_policy.consumer_lag[0].target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m if m.expression == null]) == 3
    error_message = "Two consumed topics need two lag queries (plus the running task count)."
  }
}

run "a_pure_producer_gets_no_read_or_group_access_and_no_lag_scaling" {
  command = plan

  variables {
    name        = "intake-service"
    autoscaling = { min_tasks = 2, max_tasks = 10 }
    kafka = {
      cluster_arn       = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3"
      cluster_name      = "fanout-test"
      bootstrap_brokers = "b-1.fanout-test.kafka.eu-west-2.amazonaws.com:9098"
      security_group_id = "sg-msk"
      produces          = ["orders.v1"]
    }
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.kafka.statement : s if contains(s.actions, "kafka-cluster:ReadData") || contains(s.actions, "kafka-cluster:AlterGroup")]) == 0
    error_message = "A service that consumes nothing must not read topics or join groups."
  }

  assert {
    condition     = length(aws_appautoscaling_policy.consumer_lag) == 0 && aws_appautoscaling_target.this.max_capacity == 10
    error_message = "Without consumed topics there is no lag to scale on and no partition cap."
  }
}

run "rejects_someone_elses_dead_letter_topic" {
  command = plan

  variables {
    kafka = {
      cluster_arn        = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3"
      cluster_name       = "fanout-test"
      bootstrap_brokers  = "b-1.fanout-test.kafka.eu-west-2.amazonaws.com:9098"
      security_group_id  = "sg-msk"
      produces           = ["payments.v1"]
      consumes           = { "orders.v1" = 6 }
      dead_letter_topics = ["order-service.payments.v1.dlq"]
    }
  }

  expect_failures = [var.kafka]
}

run "rejects_more_minimum_tasks_than_partitions" {
  command = plan

  variables {
    autoscaling = { min_tasks = 8, max_tasks = 10 }
  }

  expect_failures = [aws_appautoscaling_target.this]
}
