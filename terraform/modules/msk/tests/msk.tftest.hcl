# Deterministic values for the computed attributes the assertions compare, available
# at plan time.
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_msk_configuration" {
    defaults = {
      arn             = "arn:aws:kafka:eu-west-2:111122223333:configuration/fanout-test/cfg-1"
      latest_revision = 1
    }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:eu-west-2:111122223333:key/msk-key"
    }
  }
}

variables {
  name                 = "fanout-test"
  broker_instance_type = "kafka.t3.small"
  vpc_id               = "vpc-0123456789abcdef0"
  subnet_ids           = ["subnet-a", "subnet-b", "subnet-c"]
  ops_writable_topics  = ["orders.v1", "payments.v1"]
}

# A realistic ARN, so that derived topic and group ARNs can be checked.
override_resource {
  target          = aws_msk_cluster.this
  override_during = plan
  values = {
    arn = "arn:aws:kafka:eu-west-2:111122223333:cluster/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3"
  }
}

run "broker_configuration_guarantees_durability" {
  command = plan

  assert {
    condition     = can(regex("(?m)^min\\.insync\\.replicas=2$", aws_msk_configuration.this.server_properties))
    error_message = "min.insync.replicas must be 2, so acks=all survives the loss of one broker."
  }

  assert {
    condition     = can(regex("(?m)^default\\.replication\\.factor=3$", aws_msk_configuration.this.server_properties))
    error_message = "default.replication.factor must be 3 (one replica per zone)."
  }

  assert {
    condition     = can(regex("(?m)^auto\\.create\\.topics\\.enable=false$", aws_msk_configuration.this.server_properties))
    error_message = "Topics must never be auto-created."
  }

  assert {
    condition     = can(regex("(?m)^unclean\\.leader\\.election\\.enable=false$", aws_msk_configuration.this.server_properties))
    error_message = "An out-of-sync replica must never become leader (it would drop acknowledged events)."
  }

  assert {
    condition     = length(regexall("(?m)^min\\.insync\\.replicas=", aws_msk_configuration.this.server_properties)) == 1
    error_message = "Each property must appear once."
  }

  assert {
    condition     = aws_msk_cluster.this.configuration_info[0].arn == aws_msk_configuration.this.arn
    error_message = "The cluster must run with this configuration."
  }
}

run "extra_properties_merge_but_cannot_weaken" {
  command = plan

  variables {
    server_properties = { "log.retention.hours" = "336" }
  }

  assert {
    condition     = can(regex("(?m)^log\\.retention\\.hours=336$", aws_msk_configuration.this.server_properties)) && can(regex("(?m)^min\\.insync\\.replicas=2$", aws_msk_configuration.this.server_properties))
    error_message = "Overrides must apply while the durability settings stay."
  }
}

run "rejects_weakening_durability" {
  command = plan

  variables {
    server_properties = { "min.insync.replicas" = "1" }
  }

  expect_failures = [var.server_properties]
}

run "iam_auth_and_tls_only" {
  command = plan

  assert {
    condition     = aws_msk_cluster.this.client_authentication[0].sasl[0].iam == true && aws_msk_cluster.this.client_authentication[0].unauthenticated == false
    error_message = "Clients must authenticate with IAM; unauthenticated access must be off."
  }

  assert {
    condition     = aws_msk_cluster.this.client_authentication[0].sasl[0].scram == false && length(aws_msk_cluster.this.client_authentication[0].tls) == 0
    error_message = "IAM is the only client authentication (no SCRAM, no mTLS)."
  }

  assert {
    condition     = aws_msk_cluster.this.encryption_info[0].encryption_in_transit[0].client_broker == "TLS" && aws_msk_cluster.this.encryption_info[0].encryption_in_transit[0].in_cluster == true
    error_message = "Traffic must be TLS between clients and brokers and between brokers."
  }

  assert {
    condition     = aws_msk_cluster.this.broker_node_group_info[0].connectivity_info[0].public_access[0].type == "DISABLED"
    error_message = "Brokers must not be reachable from the internet."
  }
}

run "encrypted_at_rest_with_its_own_rotating_key" {
  command = plan

  assert {
    condition     = aws_msk_cluster.this.encryption_info[0].encryption_at_rest_kms_key_arn == aws_kms_key.this.arn
    error_message = "Broker storage must be encrypted with the module's KMS key, not the AWS-managed default."
  }

  assert {
    condition     = aws_kms_key.this.enable_key_rotation == true
    error_message = "The KMS key must rotate."
  }
}

run "three_brokers_over_three_zones" {
  command = plan

  assert {
    condition     = aws_msk_cluster.this.number_of_broker_nodes == 3 && length(aws_msk_cluster.this.broker_node_group_info[0].client_subnets) == 3
    error_message = "Three brokers over three subnets (one per zone)."
  }

  assert {
    condition     = contains(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], aws_msk_cluster.this.enhanced_monitoring)
    error_message = "Monitoring must be at a level that publishes consumer-lag metrics (DEFAULT or above)."
  }

  assert {
    condition     = aws_msk_cluster.this.logging_info[0].broker_logs[0].cloudwatch_logs[0].enabled
    error_message = "Broker logs must go to CloudWatch Logs."
  }
}

run "rejects_brokers_that_do_not_divide_over_zones" {
  command = plan

  variables {
    broker_count = 4
  }

  expect_failures = [var.broker_count]
}

run "rejects_two_subnets" {
  command = plan

  variables {
    subnet_ids   = ["subnet-a", "subnet-b"]
    broker_count = 4
  }

  expect_failures = [var.subnet_ids]
}

run "ops_policy_is_scoped" {
  command = plan

  assert {
    condition = toset(flatten([
      for s in data.aws_iam_policy_document.ops.statement : s.resources if contains(s.actions, "kafka-cluster:ReadData")
    ])) == toset(["arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/*.dlq"])
    error_message = "The ops CLI may read dead-letter topics only."
  }

  assert {
    condition = toset(flatten([
      for s in data.aws_iam_policy_document.ops.statement : s.resources if contains(s.actions, "kafka-cluster:WriteData")
      ])) == toset([
      "arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/orders.v1",
      "arn:aws:kafka:eu-west-2:111122223333:topic/fanout-test/0b2f5d7e-1111-2222-3333-444455556666-3/payments.v1",
    ])
    error_message = "The ops CLI may write to the listed source topics only (redrive)."
  }

  assert {
    condition = length([
      for s in data.aws_iam_policy_document.ops.statement : s
      if length(setintersection(s.actions, ["kafka-cluster:DeleteTopic", "kafka-cluster:AlterTopic", "kafka-cluster:AlterCluster", "kafka-cluster:*"])) > 0
    ]) == 0
    error_message = "The ops CLI must not delete topics, add partitions or alter the cluster."
  }
}
