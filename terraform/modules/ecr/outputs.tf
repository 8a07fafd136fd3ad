output "repository_urls" {
  description = "name => repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>), for docker push and task definitions."
  value       = { for name, r in aws_ecr_repository.this : name => r.repository_url }
}

output "repository_arns" {
  description = "name => repository ARN, for pull permissions in execution roles."
  value       = { for name, r in aws_ecr_repository.this : name => r.arn }
}
