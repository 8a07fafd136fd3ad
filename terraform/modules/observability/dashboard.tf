locals {
  widgets = concat(
    [
      {
        title = "Consumer lag (records, SumOffsetLag)"
        stat  = "Maximum"
        metrics = [for k, p in local.consumer_pairs :
        ["AWS/Kafka", "SumOffsetLag", "Cluster Name", var.msk.cluster_name, "Consumer Group", p.group, "Topic", p.topic, { label = k }]]
      },
      {
        title = "Consumer lag (seconds behind, EstimatedMaxTimeLag)"
        stat  = "Maximum"
        metrics = [for k, p in local.consumer_pairs :
        ["AWS/Kafka", "EstimatedMaxTimeLag", "Cluster Name", var.msk.cluster_name, "Consumer Group", p.group, "Topic", p.topic, { label = k }]]
      },
      {
        title = "Records dead-lettered and retried"
        stat  = "Sum"
        metrics = flatten([for svc in keys(local.consumers) : [
          [var.metrics_namespace, "fanout_consumer_events_total", "service", svc, "outcome", "dead_lettered", { label = "${svc} dead-lettered" }],
          [var.metrics_namespace, "fanout_consumer_events_total", "service", svc, "outcome", "retried", { label = "${svc} retried" }],
        ]])
      },
      {
        title = "Records processed"
        stat  = "Sum"
        metrics = [for svc in keys(local.consumers) :
        [var.metrics_namespace, "fanout_consumer_events_total", "service", svc, "outcome", "success", { label = svc }]]
      },
      {
        title = "Outbox: oldest unpublished row (seconds)"
        stat  = "Maximum"
        metrics = [for svc in keys(local.producers) :
        [var.metrics_namespace, "fanout_outbox_oldest_age_seconds", "service", svc, { label = svc }]]
      },
      {
        title = "Running tasks"
        stat  = "Average"
        metrics = [for svc in keys(var.services) :
        ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", var.ecs_cluster_name, "ServiceName", svc, { label = svc }]]
      },
      {
        title = "Kafka brokers: CPU (user %)"
        stat  = "Average"
        metrics = [for b in range(1, var.msk.broker_count + 1) :
        ["AWS/Kafka", "CpuUser", "Cluster Name", var.msk.cluster_name, "Broker ID", tostring(b), { label = "broker ${b}" }]]
      },
      {
        title = "Kafka brokers: data disk used (%)"
        stat  = "Maximum"
        metrics = [for b in range(1, var.msk.broker_count + 1) :
        ["AWS/Kafka", "KafkaDataLogsDiskUsed", "Cluster Name", var.msk.cluster_name, "Broker ID", tostring(b), { label = "broker ${b}" }]]
      },
    ],
    # slice, not a conditional: the two branches would be tuples of different lengths.
    slice(local.load_balancer_widgets, 0, var.load_balancer == null ? 0 : length(local.load_balancer_widgets)),
  )

  load_balancer_widgets = [
    {
      title = "API requests and 5xx by service"
      stat  = "Sum"
      metrics = flatten([for svc, s in local.rest_services : [
        ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", local.alb, "TargetGroup", s.target_group.arn_suffix, { label = "${svc} requests" }],
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", local.alb, "TargetGroup", s.target_group.arn_suffix, { label = "${svc} 5xx" }],
      ]])
    },
    {
      title = "API latency p99 (seconds)"
      stat  = "p99"
      metrics = [for svc, s in local.rest_services :
      ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb, "TargetGroup", s.target_group.arn_suffix, { label = svc }]]
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [
      for i, w in local.widgets : {
        type   = "metric"
        x      = (i % 2) * 12
        y      = floor(i / 2) * 6
        width  = 12
        height = 6
        properties = {
          title   = w.title
          region  = var.region
          stat    = w.stat
          period  = 60
          view    = "timeSeries"
          stacked = false
          metrics = w.metrics
        }
      }
    ]
  })
}
