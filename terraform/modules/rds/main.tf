locals {
  major_version = split(".", var.engine_version)[0]
  serverless    = anytrue([for i in values(var.instances) : i.instance_class == "db.serverless"])
  # PostgreSQL role names: the service name with dashes turned into underscores.
  roles = { for svc, schema in var.databases : svc => replace(svc, "-", "_") }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: Aurora storage, snapshots and Performance Insights"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-aurora"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "${var.name}: data tier"
  subnet_ids  = var.subnet_ids
}

# Clients add their own ingress rules (port 5432): see ecs-task's connections.
resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL: clients add ingress on 5432"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-aurora" }
}

resource "aws_rds_cluster_parameter_group" "this" {
  name_prefix = "${var.name}-pg${local.major_version}-"
  family      = "aurora-postgresql${local.major_version}"
  description = "${var.name}: TLS only, slow-query logging"

  # Plain-text connections are refused; services connect with sslmode=require.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned" # Serverless v2 instances live in provisioned-mode clusters.
  engine_version     = var.engine_version
  database_name      = var.database_name
  master_username    = "fanout_admin"
  # RDS creates and rotates the master password in Secrets Manager: it never appears
  # in Terraform state. Only the bootstrap task reads it.
  manage_master_user_password = true

  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.this.id]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.this.name
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.this.arn
  iam_database_authentication_enabled = false

  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = "02:00-03:00"
  preferred_maintenance_window = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = !var.final_snapshot
  final_snapshot_identifier    = var.final_snapshot ? "${var.name}-final" : null
  allow_major_version_upgrade  = false

  enabled_cloudwatch_logs_exports = ["postgresql"]

  dynamic "serverlessv2_scaling_configuration" {
    for_each = local.serverless ? [var.serverless_capacity] : []

    content {
      min_capacity = serverlessv2_scaling_configuration.value.min
      max_capacity = serverlessv2_scaling_configuration.value.max
    }
  }
}

resource "aws_rds_cluster_instance" "this" {
  for_each = var.instances

  identifier                            = "${var.name}-${each.key}"
  cluster_identifier                    = aws_rds_cluster.this.id
  engine                                = aws_rds_cluster.this.engine
  engine_version                        = aws_rds_cluster.this.engine_version
  instance_class                        = each.value.instance_class
  promotion_tier                        = each.value.promotion_tier
  db_subnet_group_name                  = aws_db_subnet_group.this.name
  publicly_accessible                   = false
  auto_minor_version_upgrade            = true
  performance_insights_enabled          = var.performance_insights
  performance_insights_kms_key_id       = var.performance_insights ? aws_kms_key.this.arn : null
  performance_insights_retention_period = var.performance_insights ? 7 : null
}
