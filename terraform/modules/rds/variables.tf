variable "name" {
  description = "Cluster identifier and name prefix, e.g. \"fanout-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.name))
    error_message = "name must be 2-41 lower-case letters, digits or dashes."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Data-tier subnets (no internet route), one per zone."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Aurora needs subnets in at least two zones."
  }
}

variable "engine_version" {
  description = "Aurora PostgreSQL version (major.minor). The cluster parameter group family follows the major version."
  type        = string
  default     = "16.6"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be major.minor, e.g. 16.6."
  }
}

variable "database_name" {
  description = "The one database; each service owns a schema in it."
  type        = string
  default     = "fanout"
}

variable "instances" {
  description = <<-EOT
    Cluster instances by name. instance_class "db.serverless" is Aurora Serverless v2 (scales
    between serverless_capacity.min and .max ACUs); a provisioned class such as
    "db.r7g.large" works too. Two or more instances give a standby in another zone for
    failover in about 30 seconds.
  EOT
  type = map(object({
    instance_class = optional(string, "db.serverless")
    promotion_tier = optional(number, 1)
  }))
  default = { one = {} }

  validation {
    condition     = length(var.instances) >= 1
    error_message = "At least one instance is required."
  }
}

variable "serverless_capacity" {
  description = "Aurora Serverless v2 capacity range in ACUs (1 ACU ~ 2 GiB of memory). min 0 lets an idle cluster pause, which only happens when no connection is open."
  type = object({
    min = number
    max = number
  })
  default = { min = 0.5, max = 4 }

  validation {
    condition     = var.serverless_capacity.min >= 0 && var.serverless_capacity.min <= var.serverless_capacity.max && var.serverless_capacity.max <= 256
    error_message = "serverless_capacity needs 0 <= min <= max <= 256."
  }
}

variable "databases" {
  description = "Per-service access: service name => schema. Each service gets its own login role (credentials in Secrets Manager) that owns its schema and nothing else."
  type        = map(string)

  validation {
    condition     = alltrue([for s in values(var.databases) : can(regex("^[a-z_][a-z0-9_]{0,62}$", s))])
    error_message = "Schema names must be plain PostgreSQL identifiers (lower case, digits, underscores)."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time restore window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster (prod)."
  type        = bool
  default     = true
}

variable "final_snapshot" {
  description = "Take a final snapshot when the cluster is deleted (prod)."
  type        = bool
  default     = true
}

variable "secret_recovery_days" {
  description = "Days a deleted credentials secret can still be restored; 0 deletes at once (dev, so that destroy-and-recreate works)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_days == 0 || (var.secret_recovery_days >= 7 && var.secret_recovery_days <= 30)
    error_message = "secret_recovery_days must be 0 or between 7 and 30."
  }
}

variable "performance_insights" {
  description = "Enable Performance Insights (7 days of history are free)."
  type        = bool
  default     = true
}
