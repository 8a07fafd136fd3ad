variable "region" {
  description = "AWS region of the environment. Costs in the README are for eu-west-2 (London)."
  type        = string
  default     = "eu-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must look like eu-west-2."
  }
}

variable "allowed_account_ids" {
  description = "The AWS account(s) this environment may be applied to (a guard against the wrong credentials). null disables the guard."
  type        = list(string)
  default     = null

  validation {
    condition     = var.allowed_account_ids == null || alltrue([for a in coalesce(var.allowed_account_ids, []) : can(regex("^[0-9]{12}$", a))])
    error_message = "allowed_account_ids must be 12-digit account ids."
  }
}

variable "image_tags" {
  description = "Image tag per repository (the five services and fanout-ops); see images.auto.tfvars."
  type        = map(string)
}

variable "alarm_emails" {
  description = "E-mail addresses that receive alarms."
  type        = set(string)
  default     = []
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS on the load balancer; null serves HTTP only."
  type        = string
  default     = null
}

variable "ingress_cidr_blocks" {
  description = "Who may reach the public API."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "cost_centre" {
  description = "Value of the CostCentre tag on every resource."
  type        = string
  default     = "fanout"
}

variable "wait_for_steady_state" {
  description = "Make apply wait until changed services are stable, and fail if a deployment is rolled back (set it in CI: -var wait_for_steady_state=true)."
  type        = bool
  default     = false
}
