variable "repositories" {
  description = "Repository names: one per service (name = service name) plus the ops CLI."
  type        = set(string)

  validation {
    condition     = alltrue([for r in var.repositories : can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$", r))])
    error_message = "Repository names must be lower-case letters and digits separated by '.', '_' or '-'."
  }
}

variable "keep_tagged_images" {
  description = "How many tagged images each repository keeps; older ones expire. Keep enough to roll back a few releases."
  type        = number
  default     = 30

  validation {
    condition     = var.keep_tagged_images >= 5
    error_message = "Keep at least 5 tagged images so that a rollback target always exists."
  }
}

variable "untagged_image_expiry_days" {
  description = "Untagged images (superseded pushes, build cache) expire after this many days."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_image_expiry_days >= 1
    error_message = "untagged_image_expiry_days must be at least 1."
  }
}

variable "force_delete" {
  description = "Allow `terraform destroy` to delete repositories that still hold images (dev only)."
  type        = bool
  default     = false
}
