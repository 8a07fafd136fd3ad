variable "name" {
  description = "Cluster name, e.g. \"fanout-dev\". Appears in every topic and group ARN, so IAM policies depend on it."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$", var.name))
    error_message = "name must start with a letter and hold only letters, digits and dashes (at most 64)."
  }
}

variable "kafka_version" {
  description = "MSK Kafka version. 3.8.x is MSK's recommended line; IAM access control there also covers transactions (WriteTxnMarkers)."
  type        = string
  default     = "3.8.x"
}

variable "broker_instance_type" {
  description = "Broker size: kafka.t3.small is enough for dev, kafka.m7g.large for moderate production load."
  type        = string

  validation {
    condition     = can(regex("^kafka\\.[a-z0-9]+\\.[a-z0-9]+$", var.broker_instance_type))
    error_message = "broker_instance_type must look like kafka.m7g.large."
  }
}

variable "broker_count" {
  description = "Number of brokers; a multiple of the number of subnets so every zone holds the same number."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 3 && var.broker_count % length(var.subnet_ids) == 0
    error_message = "broker_count must be at least 3 (replication factor 3) and a multiple of the number of subnets."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Three subnets in three different zones (the data tier): one broker per zone."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) == 3
    error_message = "subnet_ids must name exactly three subnets, one per zone."
  }
}

variable "ebs_volume_size" {
  description = "Initial EBS storage per broker, in GiB. Storage autoscaling grows it; it never shrinks."
  type        = number
  default     = 100

  validation {
    condition     = var.ebs_volume_size >= 1 && var.ebs_volume_size <= 16384
    error_message = "ebs_volume_size must be between 1 and 16384 GiB."
  }
}

variable "max_ebs_volume_size" {
  description = "Ceiling for storage autoscaling, in GiB per broker."
  type        = number
  default     = 1000

  validation {
    condition     = var.max_ebs_volume_size >= var.ebs_volume_size && var.max_ebs_volume_size <= 16384
    error_message = "max_ebs_volume_size must be at least ebs_volume_size and at most 16384 GiB."
  }
}

variable "enhanced_monitoring" {
  description = "CloudWatch metrics level. DEFAULT (free) already carries the consumer-lag metrics per group and topic (SumOffsetLag, MaxOffsetLag, EstimatedMaxTimeLag) that autoscaling and alarms use; PER_BROKER adds latency and request-queue metrics worth paying for in prod."
  type        = string
  default     = "DEFAULT"

  validation {
    condition     = contains(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], var.enhanced_monitoring)
    error_message = "enhanced_monitoring must be DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION."
  }
}

variable "server_properties" {
  description = "Extra broker properties, merged over the module's defaults. The durability guarantees (replication factor, min.insync.replicas, no topic auto-creation, no unclean leader election) cannot be overridden here."
  type        = map(string)
  default     = {}

  validation {
    condition = length(setintersection(keys(var.server_properties), [
      "auto.create.topics.enable", "default.replication.factor", "min.insync.replicas", "unclean.leader.election.enable",
    ])) == 0
    error_message = "server_properties may not override auto.create.topics.enable, default.replication.factor, min.insync.replicas or unclean.leader.election.enable."
  }
}

variable "log_retention_days" {
  description = "Retention of the broker log group, in days."
  type        = number
  default     = 14
}

variable "ops_writable_topics" {
  description = "Source topics the ops CLI may write to (DLQ redrive re-publishes onto the source topic)."
  type        = list(string)
  default     = []
}

variable "dlq_topic_suffix" {
  description = "Suffix of dead-letter topics; the ops CLI may read every topic that ends with it."
  type        = string
  default     = ".dlq"
}
