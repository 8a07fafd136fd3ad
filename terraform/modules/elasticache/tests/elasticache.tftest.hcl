mock_provider "aws" {}

variables {
  name       = "fanout-test"
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-a", "subnet-b", "subnet-c"]
  node_type  = "cache.t4g.micro"
}

run "tls_and_auth_required" {
  command = plan

  variables {
    nodes = 1
  }

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_enabled && aws_elasticache_replication_group.this.transit_encryption_mode == "required"
    error_message = "Every connection must use TLS (rediss://)."
  }

  assert {
    condition     = tostring(aws_elasticache_replication_group.this.at_rest_encryption_enabled) == "true"
    error_message = "Data at rest must be encrypted."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.auth_token.secret_string == data.aws_secretsmanager_random_password.auth_token.random_password
    error_message = "The AUTH token is generated and stored in Secrets Manager."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled == false && aws_elasticache_replication_group.this.multi_az_enabled == false
    error_message = "A single node cannot fail over."
  }
}

run "replicas_fail_over_across_zones" {
  command = plan

  variables {
    nodes = 2
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled && aws_elasticache_replication_group.this.multi_az_enabled && aws_elasticache_replication_group.this.num_cache_clusters == 2
    error_message = "Two nodes must give automatic Multi-AZ failover."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.parameter_group_name == "default.valkey8"
    error_message = "The parameter group must follow the engine and its major version."
  }
}
