# Where each alarm's numbers come from, and why:
#   consumer lag      AWS/Kafka EstimatedMaxTimeLag per group and topic (MSK, DEFAULT level):
#                     seconds behind is what a human cares about, and MSK reports it even
#                     when the consumer is down.
#   DLQ growth        Fanout fanout_consumer_events_total{outcome="dead_lettered"}: the
#                     consumer counts each record it sends to its DLQ (per-topic MSK metrics
#                     would need PER_TOPIC_PER_BROKER monitoring, billed per topic and broker).
#   outbox backlog    Fanout fanout_outbox_oldest_age_seconds: age, not row count, tells a
#                     stuck relay from a busy one.
#   5xx               AWS/ApplicationELB per target group, as a rate with a volume floor.
#   unhealthy tasks   ECS/ContainerInsights running < desired; ALB UnHealthyHostCount.
#   brokers           AWS/Kafka fullest data disk, offline partitions.
# Every alarm notifies on ALARM and on OK, so a page is always followed by its all-clear.

locals {
  actions = [aws_sns_topic.alarms.arn]

  consumer_pairs = {
    for pair in flatten([
      for svc, s in var.services : [for t in s.consumes : { service = svc, group = s.consumer_group, topic = t }]
    ]) : "${pair.service}/${pair.topic}" => pair
  }
  consumers     = { for svc, s in var.services : svc => s if length(s.consumes) > 0 }
  producers     = { for svc, s in var.services : svc => s if s.has_outbox }
  alb           = try(var.load_balancer.arn_suffix, null)
  rest_services = { for svc, s in var.services : svc => s if s.target_group != null }
}

resource "aws_cloudwatch_metric_alarm" "consumer_lag" {
  for_each = local.consumer_pairs

  alarm_name        = "${var.name} ${each.value.service} lagging on ${each.value.topic}"
  alarm_description = "${each.value.service} is more than ${var.thresholds.lag_seconds}s behind on ${each.value.topic}. Check its tasks, errors and DLQ; autoscaling stops at the partition count."
  namespace         = "AWS/Kafka"
  metric_name       = "EstimatedMaxTimeLag"
  dimensions = {
    "Cluster Name"   = var.msk.cluster_name
    "Consumer Group" = each.value.group
    "Topic"          = each.value.topic
  }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.lag_seconds
  # No data = group rebalancing or never committed; the task alarms cover a dead service.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = local.consumers

  alarm_name          = "${var.name} ${each.key} dead-lettering"
  alarm_description   = "${each.key} sent records to its dead-letter topics in the last 5 minutes. Inspect them with the ops CLI (dlq list/show), fix, then redrive."
  namespace           = var.metrics_namespace
  metric_name         = "fanout_consumer_events_total"
  dimensions          = { service = each.key, outcome = "dead_lettered" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "outbox_age" {
  for_each = local.producers

  alarm_name          = "${var.name} ${each.key} outbox stuck"
  alarm_description   = "The oldest unpublished outbox row of ${each.key} is older than ${var.thresholds.outbox_age_seconds}s: the relay is not reaching Kafka (brokers, IAM, network) or is failing on a record."
  namespace           = var.metrics_namespace
  metric_name         = "fanout_outbox_oldest_age_seconds"
  dimensions          = { service = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.outbox_age_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "tasks_missing" {
  for_each = var.services

  alarm_name          = "${var.name} ${each.key} tasks not running"
  alarm_description   = "${each.key} has had fewer running tasks than desired for 10 minutes: tasks fail to start, crash or fail health checks. Check stopped-task reasons and the service's events."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 10
  datapoints_to_alarm = 10
  # A service with no datapoints at all is not running either.
  treat_missing_data = "breaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  metric_query {
    id          = "missing"
    expression  = "desired - running"
    label       = "Desired minus running tasks"
    return_data = true
  }

  metric_query {
    id = "desired"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "DesiredTaskCount"
      dimensions  = { ClusterName = var.ecs_cluster_name, ServiceName = each.key }
      stat        = "Average"
      period      = 60
    }
  }

  metric_query {
    id = "running"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "RunningTaskCount"
      dimensions  = { ClusterName = var.ecs_cluster_name, ServiceName = each.key }
      stat        = "Average"
      period      = 60
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_targets" {
  for_each = local.rest_services

  alarm_name          = "${var.name} ${each.key} unhealthy targets"
  alarm_description   = "Tasks of ${each.key} fail the load balancer's readiness check (/q/health/ready) for 5 minutes: a dependency (database, Redis, Kafka) is down or the task is overloaded."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { LoadBalancer = local.alb, TargetGroup = each.value.target_group.arn_suffix }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "http_5xx" {
  for_each = local.rest_services

  alarm_name          = "${var.name} ${each.key} 5xx rate"
  alarm_description   = "More than ${var.thresholds.http_5xx_percent}% of ${each.key}'s responses were 5xx over 5 minutes. Check its logs and dependencies."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.http_5xx_percent
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = local.alb, TargetGroup = each.value.target_group.arn_suffix }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = local.alb, TargetGroup = each.value.target_group.arn_suffix }
      stat        = "Sum"
      period      = 300
    }
  }

  # A handful of requests must not page anyone: below 20 requests the rate counts as 0.
  metric_query {
    id          = "rate"
    expression  = "IF(FILL(requests, 0) >= 20, 100 * FILL(errors, 0) / requests, 0)"
    label       = "5xx responses (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "load_balancer_5xx" {
  count = var.load_balancer == null ? 0 : 1

  alarm_name          = "${var.name} load balancer 5xx"
  alarm_description   = "The load balancer itself answered 5xx (502/503/504) more than 10 times in 5 minutes: no healthy targets, or targets resetting connections."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_ELB_5XX_Count"
  dimensions          = { LoadBalancer = local.alb }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 10
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "broker_disk" {
  alarm_name          = "${var.name} Kafka broker disk"
  alarm_description   = "A broker's data disk is more than ${var.thresholds.broker_disk_percent}% full. Storage autoscaling should be growing it; check its ceiling and topic retention."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.broker_disk_percent
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  dynamic "metric_query" {
    for_each = range(1, var.msk.broker_count + 1)

    content {
      id = "broker${metric_query.value}"

      metric {
        namespace   = "AWS/Kafka"
        metric_name = "KafkaDataLogsDiskUsed"
        dimensions  = { "Cluster Name" = var.msk.cluster_name, "Broker ID" = tostring(metric_query.value) }
        stat        = "Maximum"
        period      = 300
      }
    }
  }

  metric_query {
    id          = "fullest"
    expression  = "MAX([${join(", ", [for b in range(1, var.msk.broker_count + 1) : "broker${b}"])}])"
    label       = "Fullest broker data disk (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "offline_partitions" {
  alarm_name          = "${var.name} Kafka offline partitions"
  alarm_description   = "Some partitions have no leader: producers and consumers of those partitions are stopped."
  namespace           = "AWS/Kafka"
  metric_name         = "OfflinePartitionsCount"
  dimensions          = { "Cluster Name" = var.msk.cluster_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}
