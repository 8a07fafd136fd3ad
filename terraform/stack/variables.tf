variable "environment" {
  description = "Environment name: part of every resource name (fanout-<environment>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.environment))
    error_message = "environment must be 2-10 lower-case letters or digits (names such as fanout-prod-notification-service must stay under 32 characters)."
  }
}

variable "region" {
  description = "AWS region; must be the provider's region."
  type        = string
}

variable "image_tags" {
  description = "Image tag per repository: every service and fanout-ops. Rolling a service = changing its tag here."
  type        = map(string)

  validation {
    condition     = alltrue([for t in values(var.image_tags) : can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", t)) && t != "latest"])
    error_message = "Image tags must be valid Docker tags, and never \"latest\" (repositories are immutable; a tag names one build)."
  }
}

variable "protect_data" {
  description = "Production safety: deletion protection on the database and load balancer, final snapshots, recoverable secrets, repositories that refuse to be deleted with images in them."
  type        = bool
}

variable "network" {
  description = "VPC layout. See modules/network for the meaning of each field."
  type = object({
    cidr_block                  = string
    nat_gateway_mode            = string
    interface_endpoint_az_count = number
    flow_log_traffic_type       = string
  })
}

variable "msk" {
  description = "Kafka brokers: size, storage per broker (GiB, and the autoscaling ceiling), CloudWatch monitoring level."
  type = object({
    broker_instance_type = string
    ebs_volume_size      = number
    max_ebs_volume_size  = number
    enhanced_monitoring  = string
  })
}

variable "database" {
  description = "Aurora PostgreSQL: instances (db.serverless or a provisioned class), Serverless v2 ACU range, backup retention."
  type = object({
    instances = map(object({
      instance_class = optional(string, "db.serverless")
      promotion_tier = optional(number, 1)
    }))
    serverless_capacity   = object({ min = number, max = number })
    backup_retention_days = number
  })
}

variable "cache" {
  description = "ElastiCache (Valkey): node type and number of nodes (2+ gives a replica with automatic failover)."
  type = object({
    node_type = string
    nodes     = number
  })
}

variable "service_defaults" {
  description = "Size and bounds every service gets unless overridden. max_tasks is capped at the partition count of what a service consumes."
  type = object({
    cpu               = number
    memory            = number
    min_tasks         = number
    max_tasks         = number
    lag_per_task      = optional(number, 1000)
    capacity_provider = optional(string, "FARGATE")
  })
}

variable "service_overrides" {
  description = "Per-service exceptions to service_defaults (only the fields given change)."
  type = map(object({
    cpu               = optional(number)
    memory            = optional(number)
    min_tasks         = optional(number)
    max_tasks         = optional(number)
    lag_per_task      = optional(number)
    capacity_provider = optional(string)
  }))
  default = {}
}

variable "certificate_arn" {
  description = "ACM certificate for the public API (HTTPS); null serves plain HTTP (a dev account without a domain)."
  type        = string
  default     = null
}

variable "ingress_cidr_blocks" {
  description = "Who may reach the public API."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic."
  type        = set(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the services' log groups, in days."
  type        = number
  default     = 30
}

variable "wait_for_steady_state" {
  description = "Make apply wait for each changed service to reach a steady state (and fail when the circuit breaker rolls a deployment back). Useful in CI."
  type        = bool
  default     = false
}

variable "enable_execute_command" {
  description = "Allow ECS Exec into service tasks (debugging)."
  type        = bool
  default     = false
}

variable "postgres_client_image" {
  description = "Image with psql for the database bootstrap task (the official postgres image, from ECR Public)."
  type        = string
  default     = "public.ecr.aws/docker/library/postgres:17-alpine"
}
