variable "name" {
  description = "Service name, e.g. \"billing-service\": the ECS service, the container, the consumer group and the prefix of its DLQ topics."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.name))
    error_message = "name must be 2-41 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "name_prefix" {
  description = "Environment prefix for AWS names, e.g. \"fanout-dev\"."
  type        = string
}

variable "region" {
  description = "Region of the service (the provider's region); rendered into log and metrics configuration."
  type        = string
}

variable "cluster" {
  description = "ECS cluster to run in."
  type = object({
    name = string
    arn  = string
  })
}

variable "vpc_id" {
  description = "VPC of the service."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (one per zone) the tasks run in. Tasks never get a public IP."
  type        = list(string)
}

variable "image" {
  description = "Image to run, <ecr-repository-url>:<tag>. Rolling the service = changing the tag."
  type        = string
}

variable "image_repository_arn" {
  description = "ARN of the ECR repository the image comes from (the execution role may pull from it and nothing else)."
  type        = string
}

variable "cpu" {
  description = "Task CPU units: 256 (0.25 vCPU) or 512 (0.5 vCPU) suit the native images."
  type        = number
  default     = 256
}

variable "memory" {
  description = "Task memory in MiB (512-1024 suit the native images)."
  type        = number
  default     = 512
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64; must match the native image."
  type        = string
  default     = "X86_64"
}

variable "capacity_provider" {
  description = "FARGATE, or FARGATE_SPOT (about 70% cheaper, tasks can be reclaimed with two minutes' notice: fine for dev, where Kafka rebalances and the outbox absorb the interruption)."
  type        = string
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "container_port" {
  description = "Port the service listens on in its container."
  type        = number
  default     = 8080
}

variable "readiness_path" {
  description = "Readiness endpoint: the load balancer routes only to tasks that pass it."
  type        = string
  default     = "/q/health/ready"
}

variable "liveness_path" {
  description = "Liveness endpoint: the container health check; ECS replaces a task that fails it. Liveness, not readiness, so that a dependency outage (Redis down makes readiness report DOWN) does not make ECS kill every task."
  type        = string
  default     = "/q/health/live"
}

variable "container_health_check" {
  description = "Run a container health check against liveness_path with curl inside the image. Turn off for images without curl (e.g. a distroless/micro base); the load balancer check still covers REST services."
  type        = bool
  default     = true
}

variable "autoscaling" {
  description = <<-EOT
    Task count bounds and targets. max_tasks is capped at the partition count of the
    consumed topics: more consumers than partitions sit idle. lag_per_task is the consumer
    lag (records not yet committed, summed over the consumed topics) one task should carry;
    cpu_percent is the average CPU target that also scales HTTP load.
  EOT
  type = object({
    min_tasks    = number
    max_tasks    = number
    lag_per_task = optional(number, 1000)
    cpu_percent  = optional(number, 70)
  })

  validation {
    condition     = var.autoscaling.min_tasks >= 1 && var.autoscaling.min_tasks <= var.autoscaling.max_tasks
    error_message = "autoscaling needs 1 <= min_tasks <= max_tasks."
  }

  validation {
    condition     = var.autoscaling.lag_per_task > 0 && var.autoscaling.cpu_percent > 0 && var.autoscaling.cpu_percent <= 100
    error_message = "lag_per_task must be positive and cpu_percent between 1 and 100."
  }
}

variable "kafka" {
  description = <<-EOT
    The service's place on the MSK cluster. produces: source topics it publishes to;
    consumes: topic => partition count; dead_letter_topics: its own DLQ topics
    (<service>.<topic>.dlq); consumer_group: its group id (replay groups share it as a
    prefix). The task role gets exactly these topics and groups.
  EOT
  type = object({
    cluster_arn        = string
    cluster_name       = string
    bootstrap_brokers  = string
    security_group_id  = string
    port               = optional(number, 9098)
    produces           = optional(list(string), [])
    consumes           = optional(map(number), {})
    dead_letter_topics = optional(list(string), [])
    consumer_group     = optional(string)
  })

  validation {
    condition     = alltrue([for t in var.kafka.dead_letter_topics : startswith(t, "${var.name}.")])
    error_message = "A service may only dead-letter to its own topics, named <service>.<source-topic>.dlq."
  }

  validation {
    condition     = alltrue([for p in values(var.kafka.consumes) : p >= 1])
    error_message = "Every consumed topic needs its partition count (at least 1)."
  }

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kafka:[^:]+:[0-9]{12}:cluster/[^/]+/[^/]+$", var.kafka.cluster_arn))
    error_message = "kafka.cluster_arn must be an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)."
  }
}

variable "environment" {
  description = "Extra plain environment variables (database and Redis URLs, QUARKUS_PROFILE, ...). The Kafka client settings are added by the module."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables from Secrets Manager: name => secret ARN (with an optional \":<json-key>::\" suffix)."
  type        = map(string)
  default     = {}
}

variable "secrets_kms_key_arns" {
  description = "Customer-managed KMS keys of those secrets, if any."
  type        = list(string)
  default     = []
}

variable "connections" {
  description = "Other dependencies inside the VPC: key => { security_group_id, port } (e.g. postgres on 5432, redis on 6379). Kafka is added from var.kafka."
  type = map(object({
    security_group_id = string
    port              = number
  }))
  default = {}
}

variable "load_balancer" {
  description = "Public REST through the shared ALB: the listener to attach a path rule to, the ALB's security group, the path patterns and a unique rule priority. null for services without public REST."
  type = object({
    listener_arn      = string
    security_group_id = string
    path_patterns     = list(string)
    priority          = number
  })
  default = null

  validation {
    condition     = var.load_balancer == null || try(length(var.load_balancer.path_patterns) >= 1 && length(var.load_balancer.path_patterns) <= 5, false)
    error_message = "A listener rule takes 1 to 5 path patterns."
  }

  validation {
    condition     = var.load_balancer == null || try(var.load_balancer.priority >= 1 && var.load_balancer.priority <= 50000, false)
    error_message = "Listener rule priority must be between 1 and 50000."
  }
}

variable "metrics" {
  description = <<-EOT
    Application metrics to CloudWatch: an AWS Distro for OpenTelemetry collector sidecar
    scrapes the Prometheus endpoint and writes the selected fanout_* metrics as CloudWatch
    embedded metric format (EMF) into the namespace. Pin the collector image tag.
  EOT
  type = object({
    enabled         = optional(bool, true)
    collector_image = optional(string, "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.0")
    namespace       = optional(string, "Fanout")
    path            = optional(string, "/q/metrics")
    scrape_interval = optional(string, "30s")
  })
  default = {}
}

variable "enable_execute_command" {
  description = "Allow ECS Exec into the tasks (debugging)."
  type        = bool
  default     = false
}

variable "wait_for_steady_state" {
  description = "Make `terraform apply` wait until the deployment is stable; a deployment the circuit breaker rolls back then fails the apply."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of the service's log group, in days."
  type        = number
  default     = 30
}
