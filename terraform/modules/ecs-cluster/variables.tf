variable "name" {
  description = "Name of the cluster and the load balancer, e.g. \"fanout-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 lower-case letters, digits or dashes (load balancer names stop at 32)."
  }
}

variable "vpc_id" {
  description = "VPC of the load balancer."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets (one per zone) for the internet-facing load balancer."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "An application load balancer needs subnets in at least two zones."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS. With one, port 80 redirects to 443; without one (a dev account without a domain) the API is served over plain HTTP on port 80."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "ingress_cidr_blocks" {
  description = "Who may reach the load balancer. The public API: anywhere by default; narrow it for a private dev environment."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.ingress_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "ingress_cidr_blocks must be IPv4 CIDRs."
  }
}

variable "deletion_protection" {
  description = "Protect the load balancer from deletion (prod)."
  type        = bool
  default     = true
}

variable "container_insights" {
  description = "ECS Container Insights level. Required (enabled or enhanced): lag autoscaling divides by its RunningTaskCount and the unhealthy-task alarms compare running to desired."
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "container_insights must be enabled or enhanced; autoscaling and alarms depend on its metrics."
  }
}

variable "access_logs_bucket" {
  description = "S3 bucket for load balancer access logs (its policy must let Elastic Load Balancing write); null to skip."
  type        = string
  default     = null
}
