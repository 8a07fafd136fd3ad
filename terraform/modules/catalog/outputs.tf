output "topics" {
  description = "Source topics: name => { partitions }."
  value       = local.topics
}

output "services" {
  description = <<-EOT
    Services: name => { produces, consumes, dlq_topics, consumer_group, consumer_group_prefix,
    database_schema, uses_redis, http_paths, has_outbox, max_useful_tasks }.
  EOT
  value       = local.services_resolved
}

output "dlq_topics" {
  description = "Every dead-letter topic, sorted."
  value       = local.dlq_topics
}

output "container_port" {
  description = "The port every service listens on inside its container."
  value       = 8080
}

output "health_paths" {
  description = "Quarkus SmallRye Health endpoints: readiness (routing) and liveness (restarts)."
  value = {
    readiness = "/q/health/ready"
    liveness  = "/q/health/live"
  }
}

output "metrics_path" {
  description = "Where every service exposes Prometheus metrics."
  value       = "/q/metrics"
}

output "ops_repository" {
  description = "ECR repository (and image) name of the ops CLI."
  value       = "fanout-ops"
}
