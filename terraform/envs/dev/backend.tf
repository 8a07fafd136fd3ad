# State lives in S3, one object per environment, locked with an S3 lock file (no
# DynamoDB table needed since Terraform 1.10). The bucket and its region are passed at
# init time so that no account-specific name is committed; terraform/bootstrap creates
# the bucket and prints the exact command:
#
#   terraform init -backend-config="bucket=<state-bucket>" -backend-config="region=<region>"
terraform {
  backend "s3" {
    key          = "fanout/dev/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
