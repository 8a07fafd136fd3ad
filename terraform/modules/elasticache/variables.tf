variable "name" {
  description = "Replication group id and name prefix, e.g. \"fanout-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,35}$", var.name))
    error_message = "name must be 2-36 lower-case letters, digits or dashes (replication group ids stop at 40)."
  }
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Data-tier subnets, one per zone."
  type        = list(string)
}

variable "engine" {
  description = "valkey (the open-source Redis fork; about 20% cheaper per node on ElastiCache, same protocol) or redis."
  type        = string
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine must be valkey or redis."
  }
}

variable "engine_version" {
  description = "Engine version (major.minor); the default parameter group follows the major version."
  type        = string
  default     = "8.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be major.minor, e.g. 8.0."
  }
}

variable "node_type" {
  description = "Cache node size: cache.t4g.micro for dev, cache.t4g.medium or larger for prod."
  type        = string

  validation {
    condition     = startswith(var.node_type, "cache.")
    error_message = "node_type must be an ElastiCache node type such as cache.t4g.micro."
  }
}

variable "nodes" {
  description = "Number of nodes: 1 (no replica, dev) or 2+ (a replica in another zone with automatic failover, prod)."
  type        = number
  default     = 2

  validation {
    condition     = var.nodes >= 1 && var.nodes <= 6
    error_message = "nodes must be between 1 and 6."
  }
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots; 0 for none. The cache is rebuildable from Postgres and events, so short is fine."
  type        = number
  default     = 1
}

variable "secret_recovery_days" {
  description = "Days a deleted auth token secret can still be restored; 0 deletes at once (dev)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_days == 0 || (var.secret_recovery_days >= 7 && var.secret_recovery_days <= 30)
    error_message = "secret_recovery_days must be 0 or between 7 and 30."
  }
}
