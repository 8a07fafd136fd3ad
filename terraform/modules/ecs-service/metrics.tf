# Application metrics path: Prometheus (/q/metrics) -> ADOT collector sidecar ->
# CloudWatch embedded metric format (EMF) log events -> metrics in var.metrics.namespace.
#
# Only the metrics that alarms need become CloudWatch metrics (each one is billed):
#   fanout_outbox_backlog, fanout_outbox_oldest_age_seconds  by [service]
#   fanout_consumer_events_total                             by [service, outcome]
# Consumer lag comes from MSK itself (AWS/Kafka), and HTTP 5xx from the load balancer
# (AWS/ApplicationELB): both keep reporting when the service itself is down.

locals {
  metrics_enabled   = var.metrics.enabled
  metrics_log_group = "/ecs/${var.name_prefix}/${var.name}/metrics"

  collector_config = {
    extensions = { health_check = {} }
    receivers = {
      prometheus = {
        config = {
          global = { scrape_interval = var.metrics.scrape_interval, scrape_timeout = "10s" }
          scrape_configs = [{
            job_name     = var.name
            metrics_path = var.metrics.path
            # Keep the application's own service label if it sets one; add it if not.
            honor_labels   = true
            static_configs = [{ targets = ["localhost:${var.container_port}"], labels = { service = var.name } }]
            # Drop everything else at the source (relabel regexes are fully anchored).
            metric_relabel_configs = [{
              source_labels = ["__name__"]
              regex         = "fanout_(outbox_backlog|outbox_oldest_age_seconds|consumer_events_total|consumer_events)"
              action        = "keep"
            }]
          }]
        }
      }
    }
    processors = {
      # Collector versions differ on whether counters keep Prometheus' _total suffix;
      # pin the name the alarms use.
      metricstransform = {
        transforms = [{
          include    = "^fanout_consumer_events(_total)?"
          match_type = "regexp"
          action     = "update"
          new_name   = "fanout_consumer_events_total"
        }]
      }
      "batch/metrics" = { timeout = "60s" }
    }
    exporters = {
      awsemf = {
        namespace               = var.metrics.namespace
        region                  = var.region
        log_group_name          = local.metrics_log_group
        log_stream_name         = "{TaskId}"
        dimension_rollup_option = "NoDimensionRollup"
        metric_declarations = [
          {
            dimensions            = [["service"]]
            metric_name_selectors = ["^fanout_outbox_backlog", "^fanout_outbox_oldest_age_seconds"]
          },
          {
            dimensions            = [["service", "outcome"]]
            metric_name_selectors = ["^fanout_consumer_events_total"]
          },
        ]
      }
    }
    service = {
      extensions = ["health_check"]
      pipelines = {
        metrics = {
          receivers  = ["prometheus"]
          processors = ["metricstransform", "batch/metrics"]
          exporters  = ["awsemf"]
        }
      }
    }
  }

  sidecars = local.metrics_enabled ? [{
    name               = "metrics-collector"
    image              = var.metrics.collector_image
    cpu                = 0
    memory_reservation = 64
    environment        = { AOT_CONFIG_CONTENT = yamlencode(local.collector_config) }
    command            = null
  }] : []
}

resource "aws_cloudwatch_log_group" "metrics" {
  count = local.metrics_enabled ? 1 : 0

  name = local.metrics_log_group
  # EMF events only feed metric extraction; the metrics themselves are kept by CloudWatch.
  retention_in_days = 3
}

data "aws_iam_policy_document" "metrics" {
  count = local.metrics_enabled ? 1 : 0

  statement {
    sid       = "WriteEmbeddedMetrics"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.metrics[0].arn}:*"]
  }
}
