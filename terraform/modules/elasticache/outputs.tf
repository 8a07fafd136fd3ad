output "primary_endpoint" {
  description = "Primary endpoint (writes and reads)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Port (TLS)."
  value       = 6379
}

output "url" {
  description = "Connection URL for QUARKUS_REDIS_HOSTS (rediss:// = TLS)."
  value       = "rediss://${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
}

output "auth_token_secret_arn" {
  description = "Secrets Manager secret holding the AUTH token (plain string): QUARKUS_REDIS_PASSWORD."
  value       = aws_secretsmanager_secret.auth_token.arn
}

output "security_group_id" {
  description = "Security group of the cache; clients add ingress on port."
  value       = aws_security_group.this.id
}
