variable "name" {
  description = "Logical name of the task, e.g. \"billing-service\" or \"fanout-ops\". Also the container name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.name))
    error_message = "name must be 2-41 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "name_prefix" {
  description = "Environment prefix for every AWS name, e.g. \"fanout-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "name_prefix must be 2-21 lower-case letters, digits or dashes."
  }
}

variable "region" {
  description = "Region the task runs in (the provider's region); rendered into the awslogs driver options. Passed in rather than read from aws_region so the module plans under mock_provider in tests."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must look like eu-west-2."
  }
}

variable "cluster_name" {
  description = "ECS cluster the task runs in (used in the rendered run-task command and the role trust condition)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the task's security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the task runs in."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "At least one subnet is required."
  }
}

variable "image" {
  description = "Full image reference, <repository>:<tag>. Pin a tag (never \"latest\") so that a task definition revision always means the same image."
  type        = string

  validation {
    condition     = can(regex("^[^:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must carry an explicit tag or digest other than \"latest\"."
  }
}

variable "image_repository_arns" {
  description = "ECR repositories the execution role may pull from (the task's own image; empty for public images)."
  type        = list(string)
  default     = []
}

variable "cpu" {
  description = "Task CPU units (256 = 0.25 vCPU)."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.cpu)
    error_message = "cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "memory" {
  description = "Task memory in MiB; must be a Fargate-valid pairing with cpu."
  type        = number
  default     = 512

  validation {
    condition = contains(lookup({
      "256"  = [512, 1024, 2048]
      "512"  = [1024, 2048, 3072, 4096]
      "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192]
      "2048" = [for m in range(4096, 16385, 1024) : m]
      "4096" = [for m in range(8192, 30721, 1024) : m]
    }, tostring(var.cpu), []), var.memory)
    error_message = "memory is not a Fargate-valid size for this cpu (256: 512-2048, 512: 1024-4096, 1024: 2048-8192, ...)."
  }
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64; must match how the native image was built."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "entry_point" {
  description = "Overrides the image ENTRYPOINT; null keeps it."
  type        = list(string)
  default     = null
}

variable "command" {
  description = "Overrides the image CMD; null keeps it."
  type        = list(string)
  default     = null
}

variable "container_port" {
  description = "Port the container listens on; null for tasks that serve nothing."
  type        = number
  default     = null
}

variable "environment" {
  description = "Plain environment variables (no secrets here: they end up in the task definition)."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables read from Secrets Manager at start: name => secret ARN, optionally with a JSON key (\"<arn>:password::\"). The execution role gets read access to exactly these secrets."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.secrets) : startswith(v, "arn:")])
    error_message = "Each secret must be a Secrets Manager (or SSM parameter) ARN."
  }
}

variable "secrets_kms_key_arns" {
  description = "Customer-managed KMS keys the secrets are encrypted with (none when they use the AWS-managed key)."
  type        = list(string)
  default     = []
}

variable "health_check_command" {
  description = "Container health check command (ECS restarts the task when it fails), e.g. [\"CMD-SHELL\", \"curl -fsS http://localhost:8080/q/health/live || exit 1\"]; null for none."
  type        = list(string)
  default     = null

  validation {
    condition     = var.health_check_command == null || try(contains(["CMD", "CMD-SHELL"], var.health_check_command[0]), false)
    error_message = "health_check_command must start with CMD or CMD-SHELL."
  }
}

variable "health_check_start_period" {
  description = "Seconds after start during which health check failures do not count."
  type        = number
  default     = 30
}

variable "read_only_root_filesystem" {
  description = "Mount the image read-only (a writable /tmp is provided). Native Quarkus images write nothing else."
  type        = bool
  default     = true
}

variable "stop_timeout" {
  description = "Seconds between SIGTERM and SIGKILL: enough for consumers to finish the record in hand and commit."
  type        = number
  default     = 30

  validation {
    condition     = var.stop_timeout >= 2 && var.stop_timeout <= 120
    error_message = "stop_timeout must be between 2 and 120 seconds (Fargate's limit)."
  }
}

variable "sidecars" {
  description = "Extra containers in the same task (e.g. the metrics collector). Not essential: their failure does not stop the task."
  type = list(object({
    name               = string
    image              = string
    cpu                = optional(number, 0)
    memory_reservation = optional(number, 64)
    environment        = optional(map(string), {})
    command            = optional(list(string))
  }))
  default = []
}

variable "task_role_policies" {
  description = "Inline policies of the task role (what the application may do): name => policy JSON. Keys must be known at plan time."
  type        = map(string)
  default     = {}
}

variable "enable_execute_command" {
  description = "Let operators open a shell in the task with ECS Exec (adds the SSM channel permissions to the task role)."
  type        = bool
  default     = false
}

variable "connections" {
  description = "What the task talks to inside the VPC: key => { security_group_id, port }. Creates the egress rule on the task's group and the matching ingress rule on the target's group, so both sides only allow this flow."
  type = map(object({
    security_group_id = string
    port              = number
  }))
  default = {}
}

variable "allow_https_egress" {
  description = "Allow HTTPS to anywhere: AWS APIs through the interface endpoints and NAT (ECR, logs, secrets, public image registries) and third-party HTTPS APIs."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the task's log group, in days."
  type        = number
  default     = 30
}
