# Plans the whole prod environment against a mocked AWS provider: every module wired
# together, every task definition rendered (the iac checker then validates each one
# against the ECS API model and Fargate's rules). Mocked values below stand in for
# what AWS would compute.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-2a", "eu-west-2b", "eu-west-2c"] }
  }

  mock_resource "aws_msk_cluster" {
    defaults = {
      arn                        = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-prod/0b2f5d7e-1111-2222-3333-444455556666-3"
      bootstrap_brokers_sasl_iam = "b-1.fanoutprod.abc123.c3.kafka.eu-west-2.amazonaws.com:9098,b-2.fanoutprod.abc123.c3.kafka.eu-west-2.amazonaws.com:9098"
    }
  }

  mock_resource "aws_rds_cluster" {
    defaults = {
      endpoint           = "fanout-prod.cluster-abc123.eu-west-2.rds.amazonaws.com"
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-0123-AbCdEf", kms_key_id = "", secret_status = "active" }]
    }
  }

  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:fanout-prod/some-secret-AbCdEf" }
  }

  mock_resource "aws_elasticache_replication_group" {
    defaults = { primary_endpoint_address = "master.fanout-prod.abc123.euw2.cache.amazonaws.com" }
  }

  mock_resource "aws_ecr_repository" {
    defaults = {
      repository_url = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/fanout"
      arn            = "arn:aws:ecr:eu-west-2:111122223333:repository/fanout"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/fanout-prod-role" }
  }
}

variables {
  image_tags = {
    "order-service"        = "1.0.0"
    "billing-service"      = "1.0.0"
    "fulfilment-service"   = "1.0.0"
    "notification-service" = "1.0.0"
    "analytics-service"    = "1.0.0"
    "fanout-ops"           = "1.0.0"
  }
}

run "prod_plans_end_to_end" {
  command = plan

  assert {
    condition     = toset(keys(output.services)) == toset(["order-service", "billing-service", "fulfilment-service", "notification-service", "analytics-service"])
    error_message = "prod must run the five services."
  }

  assert {
    condition     = alltrue([for s in values(output.services) : s.scaling.max_tasks <= 6 && s.scaling.min_tasks >= 1])
    error_message = "No service may scale past the 6 partitions of its topics."
  }

  assert {
    condition     = alltrue([for c in values(output.run_commands) : strcontains(c, "\"assignPublicIp\":\"DISABLED\"") && strcontains(c, "--cluster fanout-prod")])
    error_message = "One-off tasks run in the cluster's private subnets without public IPs."
  }
}

run "prod_runs_at_least_two_tasks_per_service" {
  command = plan

  assert {
    condition     = alltrue([for s in values(output.services) : s.scaling.min_tasks >= 2])
    error_message = "Every prod service keeps a task in a second zone."
  }

  assert {
    condition     = output.services["order-service"].scaling.min_tasks == 3
    error_message = "order-service takes public traffic: one task per zone."
  }
}
