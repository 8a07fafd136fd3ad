output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies; subscribe chat or paging integrations to it."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_url" {
  description = "Link to the CloudWatch dashboard."
  value       = "https://${var.region}.console.aws.amazon.com/cloudwatch/home?region=${var.region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"
}

output "alarm_names" {
  description = "Every alarm this module manages."
  value = sort(concat(
    [for a in values(aws_cloudwatch_metric_alarm.consumer_lag) : a.alarm_name],
    [for a in values(aws_cloudwatch_metric_alarm.dead_letters) : a.alarm_name],
    [for a in values(aws_cloudwatch_metric_alarm.outbox_age) : a.alarm_name],
    [for a in values(aws_cloudwatch_metric_alarm.tasks_missing) : a.alarm_name],
    [for a in values(aws_cloudwatch_metric_alarm.unhealthy_targets) : a.alarm_name],
    [for a in values(aws_cloudwatch_metric_alarm.http_5xx) : a.alarm_name],
    aws_cloudwatch_metric_alarm.load_balancer_5xx[*].alarm_name,
    [aws_cloudwatch_metric_alarm.broker_disk.alarm_name, aws_cloudwatch_metric_alarm.offline_partitions.alarm_name],
  ))
}
