variable "name" {
  description = "Prefix of alarm, topic and dashboard names, e.g. \"fanout-dev\"."
  type        = string
}

variable "region" {
  description = "Region of the metrics (the provider's region); dashboards need it spelled out."
  type        = string
}

variable "ecs_cluster_name" {
  description = "ECS cluster of the services (ECS/ContainerInsights ClusterName)."
  type        = string
}

variable "msk" {
  description = "MSK cluster name (AWS/Kafka \"Cluster Name\") and broker count (broker ids 1..N)."
  type = object({
    cluster_name = string
    broker_count = number
  })
}

variable "load_balancer" {
  description = "The public load balancer (AWS/ApplicationELB LoadBalancer dimension = arn_suffix); null without one. An object rather than a bare string so that whether it exists is known at plan time even before the ARN is."
  type = object({
    arn_suffix = string
  })
  default = null
}

variable "services" {
  description = "service => { consumer_group, consumes (topics), has_outbox, target_group (REST services only: { arn_suffix }) }. target_group is an object or null so that which services have one is known at plan time."
  type = map(object({
    consumer_group = string
    consumes       = list(string)
    has_outbox     = bool
    target_group = optional(object({
      arn_suffix = string
    }))
  }))
}

variable "metrics_namespace" {
  description = "CloudWatch namespace the services' metrics collectors write to."
  type        = string
  default     = "Fanout"
}

variable "thresholds" {
  description = <<-EOT
    Alarm thresholds. lag_seconds: how far behind (MSK's EstimatedMaxTimeLag) a consumer may
    fall before someone is paged; outbox_age_seconds: age of the oldest unpublished outbox
    row; http_5xx_percent: share of 5xx answers over 5 minutes (with at least 20 requests);
    broker_disk_percent: fullest broker's data disk.
  EOT
  type = object({
    lag_seconds         = optional(number, 300)
    outbox_age_seconds  = optional(number, 60)
    http_5xx_percent    = optional(number, 5)
    broker_disk_percent = optional(number, 80)
  })
  default = {}
}

variable "alarm_emails" {
  description = "Addresses subscribed to the alarm topic (each must confirm by mail). Chat or paging tools subscribe to the topic ARN output instead."
  type        = set(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}
