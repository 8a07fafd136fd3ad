output "endpoint" {
  description = "Writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint (spreads over replicas; the writer when there are none)."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = 5432
}

output "database_name" {
  description = "Name of the database."
  value       = var.database_name
}

output "security_group_id" {
  description = "Security group of the cluster; clients add ingress on port."
  value       = aws_security_group.this.id
}

output "master_user_secret_arn" {
  description = "RDS-managed secret with the master credentials (JSON: username, password). Only the bootstrap task reads it."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "service_credentials" {
  description = "service => { secret_arn, username, schema }. The secret holds JSON keys username and password."
  value = {
    for svc, schema in var.databases : svc => {
      secret_arn = aws_secretsmanager_secret.service[svc].arn
      username   = local.roles[svc]
      schema     = schema
    }
  }
}

output "bootstrap" {
  description = "What the one-off bootstrap task needs: the shell command, the SQL (plain env var BOOTSTRAP_SQL) and the secrets to inject (env var => secret ARN with JSON key)."
  value = {
    command = local.bootstrap_script
    sql     = local.bootstrap_sql
    secrets = merge(
      {
        PGUSER     = "${aws_rds_cluster.this.master_user_secret[0].secret_arn}:username::"
        PGPASSWORD = "${aws_rds_cluster.this.master_user_secret[0].secret_arn}:password::"
      },
      { for svc, var_name in local.password_variables : var_name => "${aws_secretsmanager_secret.service[svc].arn}:password::" },
    )
    environment = {
      PGHOST     = aws_rds_cluster.this.endpoint
      PGPORT     = "5432"
      PGDATABASE = var.database_name
      PGSSLMODE  = "require"
    }
  }
}
