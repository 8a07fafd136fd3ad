locals {
  # Durability first: a write is acknowledged (acks=all) once two of three replicas have
  # it, so one broker (or zone) can be lost without losing acknowledged events or
  # stopping writes. Topics are created on purpose, with their partition count, by the
  # ops CLI; auto-creation would give a typo its own one-partition topic.
  protected_properties = {
    "auto.create.topics.enable"      = "false"
    "default.replication.factor"     = "3"
    "min.insync.replicas"            = "2"
    "unclean.leader.election.enable" = "false"
  }

  default_properties = {
    "num.partitions"                           = "6"
    "log.retention.hours"                      = "168"
    "offsets.topic.replication.factor"         = "3"
    "transaction.state.log.replication.factor" = "3"
    "transaction.state.log.min.isr"            = "2"
  }

  properties        = merge(local.default_properties, var.server_properties, local.protected_properties)
  server_properties = join("\n", [for k in sort(keys(local.properties)) : "${k}=${local.properties[k]}"])

  # Topic, group and transactional-id ARNs share the cluster's name and UUID:
  #   arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>
  #   arn:aws:kafka:<region>:<account>:topic/<name>/<uuid>/<topic>
  topic_arn_prefix = "${replace(aws_msk_cluster.this.arn, ":cluster/", ":topic/")}/"
  group_arn_prefix = "${replace(aws_msk_cluster.this.arn, ":cluster/", ":group/")}/"
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: MSK data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-msk"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_msk_configuration" "this" {
  # Versioned name: a new kafka_version replaces the configuration, and with
  # create_before_destroy both exist for a moment, so their names must differ.
  name              = "${var.name}-${replace(var.kafka_version, ".", "-")}"
  kafka_versions    = [var.kafka_version]
  server_properties = local.server_properties
  description       = "Fanout broker defaults: RF 3, min ISR 2, no auto topic creation"

  # The cluster must move to the new configuration before the old one can be deleted.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/msk/${var.name}/broker"
  retention_in_days = var.log_retention_days
}

# Clients add their own ingress rules (port 9098, IAM) to this group: see ecs-task.
resource "aws_security_group" "this" {
  name        = "${var.name}-msk"
  description = "MSK brokers: clients add ingress on 9098 (SASL/IAM over TLS)"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-msk" }
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count
  enhanced_monitoring    = var.enhanced_monitoring
  storage_mode           = "LOCAL"

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]
    az_distribution = "DEFAULT"

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }

    storage_info {
      ebs_storage_info {
        volume_size = var.ebs_volume_size
      }
    }
  }

  # IAM only: no anonymous clients, no SCRAM secrets to rotate, and per-topic and
  # per-group permissions live in the task roles.
  client_authentication {
    unauthenticated = false

    sasl {
      iam   = true
      scram = false
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.this.arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }

  lifecycle {
    # Storage autoscaling below owns the volume size once the cluster exists.
    ignore_changes = [broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size]
  }
}

# Grow broker storage before it fills: a full disk takes a broker offline.
resource "aws_appautoscaling_target" "storage" {
  service_namespace  = "kafka"
  scalable_dimension = "kafka:broker-storage:VolumeSize"
  resource_id        = aws_msk_cluster.this.arn
  min_capacity       = 1
  max_capacity       = var.max_ebs_volume_size
}

resource "aws_appautoscaling_policy" "storage" {
  name               = "${var.name}-broker-storage"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.storage.service_namespace
  scalable_dimension = aws_appautoscaling_target.storage.scalable_dimension
  resource_id        = aws_appautoscaling_target.storage.resource_id

  target_tracking_scaling_policy_configuration {
    target_value = 60
    # MSK cannot shrink volumes.
    disable_scale_in = true

    predefined_metric_specification {
      predefined_metric_type = "KafkaBrokerStorageUtilization"
    }
  }
}
