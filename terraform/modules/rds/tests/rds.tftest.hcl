mock_provider "aws" {
  override_during = plan

  mock_resource "aws_rds_cluster" {
    defaults = {
      endpoint           = "fanout-test.cluster-abc.eu-west-2.rds.amazonaws.com"
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-1-AbCdEf", kms_key_id = "", secret_status = "active" }]
    }
  }

  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-2:111122223333:key/aurora" }
  }

  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:fanout-test/db/x-AbCdEf" }
  }
}

variables {
  name       = "fanout-test"
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-a", "subnet-b", "subnet-c"]
  databases = {
    "order-service"   = "orders"
    "billing-service" = "billing"
  }
}

run "encrypted_private_tls_only" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted && aws_rds_cluster.this.kms_key_id == aws_kms_key.this.arn
    error_message = "Storage must be encrypted with the module's KMS key."
  }

  assert {
    condition     = alltrue([for i in values(aws_rds_cluster_instance.this) : i.publicly_accessible == false])
    error_message = "No instance may be publicly accessible."
  }

  assert {
    condition     = contains([for p in aws_rds_cluster_parameter_group.this.parameter : "${p.name}=${p.value}"], "rds.force_ssl=1")
    error_message = "Plain-text connections must be refused."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password && aws_rds_cluster.this.master_password == null
    error_message = "The master password must be managed by RDS in Secrets Manager, never set (and stored in state) by Terraform."
  }
}

run "prod_protects_data" {
  command = plan

  variables {
    deletion_protection = true
    final_snapshot      = true
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection && !aws_rds_cluster.this.skip_final_snapshot && aws_rds_cluster.this.final_snapshot_identifier == "fanout-test-final"
    error_message = "Prod needs deletion protection and a final snapshot."
  }
}

run "dev_can_be_destroyed" {
  command = plan

  variables {
    deletion_protection = false
    final_snapshot      = false
  }

  assert {
    condition     = !aws_rds_cluster.this.deletion_protection && aws_rds_cluster.this.skip_final_snapshot && aws_rds_cluster.this.final_snapshot_identifier == null
    error_message = "Dev can be torn down without a snapshot."
  }
}

run "serverless_v2_only_with_serverless_instances" {
  command = plan

  assert {
    condition     = length(aws_rds_cluster.this.serverlessv2_scaling_configuration) == 1 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0.5
    error_message = "db.serverless instances need the Serverless v2 capacity range."
  }
}

run "provisioned_instances_need_no_capacity_range" {
  command = plan

  variables {
    instances = { a = { instance_class = "db.r7g.large", promotion_tier = 0 }, b = { instance_class = "db.r7g.large" } }
  }

  assert {
    condition     = length(aws_rds_cluster.this.serverlessv2_scaling_configuration) == 0 && length(aws_rds_cluster_instance.this) == 2
    error_message = "A provisioned cluster has no Serverless v2 configuration."
  }
}

run "each_service_gets_its_own_role_schema_and_secret" {
  command = plan

  assert {
    condition     = toset(keys(aws_secretsmanager_secret.service)) == toset(["order-service", "billing-service"])
    error_message = "One credentials secret per service."
  }

  assert {
    condition     = jsondecode(aws_secretsmanager_secret_version.service["order-service"].secret_string).username == "order_service"
    error_message = "The role name is the service name with underscores."
  }

  assert {
    condition = alltrue([for line in [
      "CREATE SCHEMA IF NOT EXISTS orders AUTHORIZATION order_service;",
      "ALTER ROLE order_service SET search_path = orders;",
      "CREATE SCHEMA IF NOT EXISTS billing AUTHORIZATION billing_service;",
      "REVOKE ALL ON DATABASE fanout FROM PUBLIC;",
    ] : strcontains(output.bootstrap.sql, line)])
    error_message = "The bootstrap SQL must create each service's schema, owned by its role, and lock PUBLIC out."
  }

  assert {
    condition     = !strcontains(output.bootstrap.sql, "PASSWORD '") && strcontains(output.bootstrap.sql, "PASSWORD :'pw_order_service'")
    error_message = "Passwords must reach psql as variables, never be written into the SQL."
  }

  assert {
    condition     = output.bootstrap.secrets["PW_ORDER_SERVICE"] == "arn:aws:secretsmanager:eu-west-2:111122223333:secret:fanout-test/db/x-AbCdEf:password::" && output.bootstrap.secrets["PGPASSWORD"] == "arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-1-AbCdEf:password::"
    error_message = "The bootstrap task reads the master and service passwords from Secrets Manager."
  }
}

run "rejects_schema_names_that_need_quoting" {
  command = plan

  variables {
    databases = { "order-service" = "Orders-Schema" }
  }

  expect_failures = [var.databases]
}
