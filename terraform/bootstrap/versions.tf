terraform {
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Deliberately local state: this root creates the bucket every other state lives in.
  # Its state holds nothing secret; keep terraform.tfstate somewhere safe (or migrate it
  # into the bucket afterwards, see the README).
}
