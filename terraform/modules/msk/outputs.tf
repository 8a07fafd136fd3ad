output "cluster_arn" {
  description = "ARN of the cluster; topic and group ARNs are derived from it."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "Cluster name (the \"Cluster Name\" dimension of AWS/Kafka metrics)."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers_iam" {
  description = "Bootstrap servers for SASL/IAM over TLS (port 9098): KAFKA_BOOTSTRAP_SERVERS."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "client_port" {
  description = "Port clients use (SASL/IAM over TLS inside the VPC)."
  value       = 9098
}

output "security_group_id" {
  description = "Security group of the brokers; clients add ingress rules on client_port."
  value       = aws_security_group.this.id
}

output "broker_count" {
  description = "Number of brokers (broker ids 1..N in AWS/Kafka metrics)."
  value       = aws_msk_cluster.this.number_of_broker_nodes
}

output "kms_key_arn" {
  description = "KMS key encrypting broker storage."
  value       = aws_kms_key.this.arn
}

output "topic_arn_prefix" {
  description = "Prefix of every topic ARN of this cluster (append the topic name)."
  value       = local.topic_arn_prefix
}

output "group_arn_prefix" {
  description = "Prefix of every consumer group ARN of this cluster (append the group id)."
  value       = local.group_arn_prefix
}

output "ops_policy_json" {
  description = "IAM policy for the ops CLI task: describe, create and configure topics, read DLQs, redrive to source topics, manage groups."
  value       = data.aws_iam_policy_document.ops.json
}

output "server_properties" {
  description = "The broker configuration the cluster runs with."
  value       = local.server_properties
}
