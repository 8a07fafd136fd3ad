mock_provider "aws" {}

variables {
  name               = "fanout-test"
  cidr_block         = "10.20.0.0/16"
  availability_zones = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]
}

run "three_zones_three_tiers" {
  command = plan

  assert {
    condition = alltrue([
      for tier in [aws_subnet.public, aws_subnet.private, aws_subnet.data] :
      sort([for s in values(tier) : s.availability_zone]) == tolist(["eu-west-2a", "eu-west-2b", "eu-west-2c"])
    ])
    error_message = "Each tier must have exactly one subnet in each of the three zones."
  }

  assert {
    condition = length(distinct(concat(
      [for s in values(aws_subnet.public) : s.cidr_block],
      [for s in values(aws_subnet.private) : s.cidr_block],
      [for s in values(aws_subnet.data) : s.cidr_block],
    ))) == 9
    error_message = "The nine subnets must not share address ranges."
  }

  assert {
    condition     = aws_subnet.private["eu-west-2a"].cidr_block == "10.20.0.0/20" && aws_subnet.data["eu-west-2a"].cidr_block == "10.20.48.0/24"
    error_message = "Private subnets are the large /20s at the start of the range; data and public /24s follow."
  }
}

run "nothing_gets_a_public_ip_by_default" {
  command = plan

  assert {
    condition     = alltrue([for s in values(aws_subnet.private) : s.map_public_ip_on_launch == false])
    error_message = "Private subnets must not map public IPs on launch."
  }

  assert {
    condition     = alltrue([for s in concat(values(aws_subnet.data), values(aws_subnet.public)) : s.map_public_ip_on_launch == false])
    error_message = "Data and public subnets must not map public IPs either: the ALB and NAT bring their own."
  }
}

run "prod_has_a_nat_per_zone_and_keeps_egress_in_zone" {
  command = plan

  variables {
    nat_gateway_mode = "per_az"
  }

  assert {
    condition     = toset(keys(aws_nat_gateway.this)) == toset(["eu-west-2a", "eu-west-2b", "eu-west-2c"])
    error_message = "per_az must create one NAT gateway in each zone."
  }

  assert {
    condition     = alltrue([for az, nat_az in local.nat_zone_for : az == nat_az])
    error_message = "Each private subnet must leave through the NAT gateway of its own zone."
  }

  assert {
    condition     = length(aws_route.private_internet) == 3 && alltrue([for r in values(aws_route.private_internet) : r.destination_cidr_block == "0.0.0.0/0"])
    error_message = "Each private route table needs a default route to a NAT gateway."
  }
}

run "dev_shares_one_nat_and_one_endpoint_zone" {
  command = plan

  variables {
    nat_gateway_mode            = "single"
    interface_endpoint_az_count = 1
  }

  assert {
    condition     = toset(keys(aws_nat_gateway.this)) == toset(["eu-west-2a"]) && length(aws_eip.nat) == 1
    error_message = "single must create exactly one NAT gateway (and one Elastic IP)."
  }

  assert {
    condition     = alltrue([for az, nat_az in local.nat_zone_for : nat_az == "eu-west-2a"])
    error_message = "With one NAT gateway every zone must route through it."
  }

  assert {
    condition     = local.endpoint_zones == tolist(["eu-west-2a"])
    error_message = "interface_endpoint_az_count = 1 must place each endpoint in one zone only."
  }
}

# Under mock_provider resource ids are null, so sets of ids collapse; zone membership
# is asserted through the zones the module places things in instead.
run "endpoints_keep_aws_traffic_private" {
  command = plan

  assert {
    condition     = toset(keys(aws_vpc_endpoint.interface)) == toset(["ecr.api", "ecr.dkr", "logs", "secretsmanager"])
    error_message = "ECR (api and dkr), CloudWatch Logs and Secrets Manager need interface endpoints."
  }

  assert {
    condition     = alltrue([for e in values(aws_vpc_endpoint.interface) : e.private_dns_enabled && e.vpc_endpoint_type == "Interface"]) && length(local.endpoint_zones) == 3
    error_message = "Interface endpoints need private DNS (so SDKs resolve them) and one interface per zone by default."
  }

  assert {
    condition     = aws_vpc_endpoint.s3.vpc_endpoint_type == "Gateway" && length(aws_route_table.private) == 3
    error_message = "S3 must be reachable through a gateway endpoint on every private route table (ECR image layers live in S3)."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.endpoints_https.from_port == 443 && aws_vpc_security_group_ingress_rule.endpoints_https.cidr_ipv4 == "10.20.0.0/16"
    error_message = "Endpoints accept HTTPS from inside the VPC only."
  }
}

run "rejects_two_zones" {
  command = plan

  variables {
    availability_zones = ["eu-west-2a", "eu-west-2b"]
  }

  expect_failures = [var.availability_zones]
}

run "rejects_a_vpc_too_small_to_cut" {
  command = plan

  variables {
    cidr_block = "10.20.0.0/24"
  }

  expect_failures = [var.cidr_block]
}
