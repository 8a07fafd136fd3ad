output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "The three zones, in the order every *_subnet_ids list follows."
  value       = var.availability_zones
}

output "public_subnet_ids" {
  description = "Public subnets (load balancer, NAT), one per zone."
  value       = [for az in var.availability_zones : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnets for ECS tasks, one per zone; egress through NAT."
  value       = [for az in var.availability_zones : aws_subnet.private[az].id]
}

output "data_subnet_ids" {
  description = "Data subnets for MSK, Aurora and ElastiCache, one per zone; no route out of the VPC."
  value       = [for az in var.availability_zones : aws_subnet.data[az].id]
}

output "nat_public_ips" {
  description = "Public addresses of the NAT gateways (what third parties see as the platform's egress IPs)."
  value       = [for az in local.nat_zones : aws_eip.nat[az].public_ip]
}

output "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint, for security group egress rules."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}

output "endpoint_security_group_id" {
  description = "Security group of the interface endpoints."
  value       = aws_security_group.endpoints.id
}
