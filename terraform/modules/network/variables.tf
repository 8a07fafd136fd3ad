variable "name" {
  description = "Name prefix for every resource, e.g. \"fanout-dev\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "cidr_block" {
  description = "IPv4 CIDR of the VPC. A /16 to /18: it is cut into three private /20-/22 subnets and six /24-/26 subnets."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && contains(["16", "17", "18"], try(split("/", var.cidr_block)[1], ""))
    error_message = "cidr_block must be a valid IPv4 CIDR with a /16, /17 or /18 prefix."
  }
}

variable "availability_zones" {
  description = "Exactly three availability zone names. MSK places one broker per zone and replicates every partition three times, so the system needs three zones."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 3 && length(distinct(var.availability_zones)) == 3
    error_message = "availability_zones must list three distinct zones."
  }
}

variable "nat_gateway_mode" {
  description = "\"single\": one NAT gateway shared by all zones (cheap, loses egress with its zone; for dev). \"per_az\": one per zone, each zone's private subnet uses its own (for prod)."
  type        = string
  default     = "per_az"

  validation {
    condition     = contains(["single", "per_az"], var.nat_gateway_mode)
    error_message = "nat_gateway_mode must be \"single\" or \"per_az\"."
  }
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints (PrivateLink) instead of the NAT: image pulls, logs and secrets stay inside the VPC and off NAT data charges. S3 (image layers) always gets a free gateway endpoint."
  type        = set(string)
  default     = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"]

  validation {
    condition     = alltrue([for s in var.interface_endpoints : can(regex("^[a-z0-9.-]+$", s))])
    error_message = "interface_endpoints are short service names such as \"ecr.api\" or \"logs\"."
  }
}

variable "interface_endpoint_az_count" {
  description = "In how many zones each interface endpoint gets a network interface (billed per zone-hour). 3 for prod; 1 is a sound saving for dev, where the single NAT already ties egress to one zone."
  type        = number
  default     = 3

  validation {
    condition     = contains([1, 2, 3], var.interface_endpoint_az_count)
    error_message = "interface_endpoint_az_count must be 1, 2 or 3."
  }
}

variable "flow_log_traffic_type" {
  description = "What VPC flow logs record: ALL, ACCEPT or REJECT. REJECT is the cheap choice for dev (it shows what the security groups block)."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ALL", "ACCEPT", "REJECT"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be ALL, ACCEPT or REJECT."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the flow log group, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}
