terraform {
  # 1.10+ for S3-native state locking (use_lockfile); 1.11 is what CI validates with.
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
