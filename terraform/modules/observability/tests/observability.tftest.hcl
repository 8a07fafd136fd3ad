mock_provider "aws" {
  override_during = plan

  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-2:111122223333:key/alarms" }
  }

  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-2:111122223333:fanout-test-alarms" }
  }
}

variables {
  name             = "fanout-test"
  region           = "eu-west-2"
  ecs_cluster_name = "fanout-test"
  msk              = { cluster_name = "fanout-test", broker_count = 3 }
  load_balancer    = { arn_suffix = "app/fanout-test/0123456789abcdef" }
  services = {
    "order-service" = {
      consumer_group = "order-service"
      consumes       = ["payments.v1", "inventory.v1"]
      has_outbox     = true
      target_group   = { arn_suffix = "targetgroup/fanout-test-order-service/0123" }
    }
    "analytics-service" = {
      consumer_group = "analytics-service"
      consumes       = ["orders.v1"]
      has_outbox     = false
    }
  }
}

run "an_alarm_per_consumed_topic_dlq_outbox_and_service" {
  command = plan

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.consumer_lag)) == toset(["order-service/payments.v1", "order-service/inventory.v1", "analytics-service/orders.v1"])
    error_message = "One lag alarm per (service, consumed topic)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.consumer_lag["order-service/payments.v1"].dimensions == tomap({ "Cluster Name" = "fanout-test", "Consumer Group" = "order-service", "Topic" = "payments.v1" }) && aws_cloudwatch_metric_alarm.consumer_lag["order-service/payments.v1"].metric_name == "EstimatedMaxTimeLag"
    error_message = "Lag alarms read MSK's EstimatedMaxTimeLag of the service's group and topic."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.outbox_age)) == toset(["order-service"])
    error_message = "Only services with an outbox get an outbox alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dead_letters["analytics-service"].dimensions == tomap({ service = "analytics-service", outcome = "dead_lettered" }) && aws_cloudwatch_metric_alarm.dead_letters["analytics-service"].namespace == "Fanout"
    error_message = "DLQ alarms count the service's dead_lettered outcomes in the Fanout namespace (the dimensions the sidecar writes)."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.http_5xx)) == toset(["order-service"]) && toset(keys(aws_cloudwatch_metric_alarm.unhealthy_targets)) == toset(["order-service"])
    error_message = "Only REST services get 5xx and target health alarms."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.tasks_missing) == 2 && length(aws_cloudwatch_metric_alarm.load_balancer_5xx) == 1
    error_message = "Every service gets a missing-tasks alarm; the load balancer its own 5xx alarm."
  }
}

run "every_alarm_pages_and_clears" {
  command = plan

  assert {
    condition = alltrue([
      for a in concat(values(aws_cloudwatch_metric_alarm.consumer_lag), values(aws_cloudwatch_metric_alarm.dead_letters), values(aws_cloudwatch_metric_alarm.outbox_age), values(aws_cloudwatch_metric_alarm.tasks_missing), values(aws_cloudwatch_metric_alarm.http_5xx), [aws_cloudwatch_metric_alarm.broker_disk, aws_cloudwatch_metric_alarm.offline_partitions]) :
      length(a.alarm_actions) == 1 && length(a.ok_actions) == 1
    ])
    error_message = "Every alarm must notify the topic on ALARM and on OK."
  }

  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == aws_kms_key.alarms.arn
    error_message = "The alarm topic must be encrypted with a key CloudWatch may use."
  }
}

run "no_load_balancer_no_http_alarms" {
  command = plan

  variables {
    load_balancer = null
    services = {
      "billing-service" = { consumer_group = "billing-service", consumes = ["orders.v1"], has_outbox = true }
    }
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.load_balancer_5xx) == 0 && length(aws_cloudwatch_metric_alarm.http_5xx) == 0
    error_message = "Without a load balancer there are no HTTP alarms."
  }

  assert {
    condition     = length([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w if startswith(w.properties.title, "API")]) == 0
    error_message = "Without a load balancer the dashboard has no API widgets."
  }
}
