provider "aws" {
  region = var.region
  # Refuses to run against any other account: a prod plan can never touch the wrong one.
  allowed_account_ids = var.allowed_account_ids

  default_tags {
    tags = {
      Project     = "fanout"
      Environment = "prod"
      ManagedBy   = "terraform"
      Source      = "fanout/terraform/envs/prod"
      CostCentre  = var.cost_centre
    }
  }
}
