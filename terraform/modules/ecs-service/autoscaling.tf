# Scaling of consumers on consumer lag, capped at the partition count.
#
# Metric: AWS/Kafka SumOffsetLag per (cluster, consumer group, topic), published by
# MSK at the free DEFAULT monitoring level, summed over the consumed topics and
# divided by the running task count ("backlog per task", the pattern AWS documents
# for queue workers). Why MSK's metric rather than the service's own
# fanout_consumer_lag: MSK computes lag from committed offsets on the brokers, so it
# keeps reporting when every task is crashed, stuck or not yet started, which is
# exactly when scaling and alarms matter; it needs no collector in the loop; and it
# costs nothing. MSK emits it only while the group is STABLE or EMPTY, so during a
# rebalance the metric is missing and target tracking (which never acts on missing
# data) waits instead of scaling on a half-picture.

locals {
  partition_cap = local.is_consumer ? max(values(var.kafka.consumes)...) : null
  # More consumers than partitions would sit idle: cap the group at the partition count.
  max_tasks = local.is_consumer ? min(var.autoscaling.max_tasks, local.partition_cap) : var.autoscaling.max_tasks

  lag_queries = { for i, t in local.consumed_topics : "lag${i}" => t }
}

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${var.cluster.name}/${aws_ecs_service.this.name}"
  min_capacity       = var.autoscaling.min_tasks
  max_capacity       = local.max_tasks

  lifecycle {
    precondition {
      condition     = var.autoscaling.min_tasks <= local.max_tasks
      error_message = "min_tasks (${var.autoscaling.min_tasks}) exceeds the partition count of the consumed topics (${coalesce(local.partition_cap, 0)}); extra consumers would sit idle."
    }
  }
}

resource "aws_appautoscaling_policy" "consumer_lag" {
  count = local.is_consumer ? 1 : 0

  name               = "${local.family}-consumer-lag"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  resource_id        = aws_appautoscaling_target.this.resource_id

  target_tracking_scaling_policy_configuration {
    target_value = var.autoscaling.lag_per_task
    # Catch up quickly; give back capacity slowly (a scale-in rebalances the group).
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    customized_metric_specification {
      dynamic "metrics" {
        for_each = local.lag_queries

        content {
          id          = metrics.key
          label       = "Lag of ${local.consumer_group} on ${metrics.value}"
          return_data = false

          metric_stat {
            stat = "Maximum"

            metric {
              namespace   = "AWS/Kafka"
              metric_name = "SumOffsetLag"

              dimensions {
                name  = "Cluster Name"
                value = var.kafka.cluster_name
              }

              dimensions {
                name  = "Consumer Group"
                value = local.consumer_group
              }

              dimensions {
                name  = "Topic"
                value = metrics.value
              }
            }
          }
        }
      }

      # Needs Container Insights on the cluster (the ecs-cluster module turns it on).
      metrics {
        id          = "tasks"
        label       = "Running tasks of ${var.name}"
        return_data = false

        metric_stat {
          stat = "Average"

          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"

            dimensions {
              name  = "ClusterName"
              value = var.cluster.name
            }

            dimensions {
              name  = "ServiceName"
              value = var.name
            }
          }
        }
      }

      metrics {
        id          = "lag_total"
        label       = "Lag of ${local.consumer_group}, all topics"
        expression  = "SUM([${join(", ", keys(local.lag_queries))}])"
        return_data = false
      }

      metrics {
        id          = "lag_per_task"
        label       = "Lag per running task of ${var.name}"
        expression  = "lag_total / IF(tasks >= 1, tasks, 1)"
        return_data = true
      }
    }
  }
}

# CPU keeps HTTP-heavy services (and CPU-bound consumers) from saturating.
resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.family}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  resource_id        = aws_appautoscaling_target.this.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling.cpu_percent
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
