# Three tiers over three zones:
#   public  - the load balancer and the NAT gateways only; nothing gets a public IP by default
#   private - everything that runs (ECS tasks, one-off tasks, interface endpoints); egress via NAT
#   data    - MSK, Aurora and ElastiCache; no route out of the VPC at all
# Subnets are keyed by zone name (for_each), so adding or reordering zones never renumbers
# or replaces the others.

locals {
  zones = { for i, az in var.availability_zones : az => i }

  # cidrsubnets hands out consecutive ranges: three large private subnets first (tasks
  # use one IP each, plus endpoint interfaces), then three data and three public ones.
  ranges         = cidrsubnets(var.cidr_block, 4, 4, 4, 8, 8, 8, 8, 8, 8)
  private_cidrs  = { for az, i in local.zones : az => local.ranges[i] }
  data_cidrs     = { for az, i in local.zones : az => local.ranges[3 + i] }
  public_cidrs   = { for az, i in local.zones : az => local.ranges[6 + i] }
  nat_zones      = var.nat_gateway_mode == "per_az" ? var.availability_zones : [var.availability_zones[0]]
  nat_zone_for   = { for az in var.availability_zones : az => var.nat_gateway_mode == "per_az" ? az : var.availability_zones[0] }
  endpoint_zones = slice(var.availability_zones, 0, var.interface_endpoint_az_count)
}

data "aws_caller_identity" "current" {}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  # Both are needed for interface endpoints' private DNS and for MSK bootstrap names.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

# Take every rule away from the default security group so that nothing can fall back
# to "allow all from the same group" by forgetting to name a group.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-default-unused" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "public" {
  for_each = local.zones

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = local.public_cidrs[each.key]
  # The load balancer and the NAT gateways bring their own addresses; anything else
  # launched here by mistake stays unreachable from the internet.
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-public-${each.key}", Tier = "public" }
}

resource "aws_subnet" "private" {
  for_each = local.zones

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.key
  cidr_block              = local.private_cidrs[each.key]
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-private-${each.key}", Tier = "private" }
}

resource "aws_subnet" "data" {
  for_each = local.zones

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.key
  cidr_block              = local.data_cidrs[each.key]
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-data-${each.key}", Tier = "data" }
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_zones)

  domain = "vpc"

  tags = { Name = "${var.name}-nat-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_zones)

  allocation_id = aws_eip.nat[each.key].allocation_id
  subnet_id     = aws_subnet.public[each.key].id

  tags = { Name = "${var.name}-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = local.zones

  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

# One route table per zone, so that with per_az NAT a zone's traffic never crosses
# zones (cross-zone bytes are billed, and a zone outage stays contained).
resource "aws_route_table" "private" {
  for_each = local.zones

  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-private-${each.key}" }
}

resource "aws_route" "private_internet" {
  for_each = local.zones

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[local.nat_zone_for[each.key]].id
}

resource "aws_route_table_association" "private" {
  for_each = local.zones

  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

# The data tier talks only to clients inside the VPC: its route table has the local
# route and nothing else.
resource "aws_route_table" "data" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-data" }
}

resource "aws_route_table_association" "data" {
  for_each = local.zones

  subnet_id      = aws_subnet.data[each.key].id
  route_table_id = aws_route_table.data.id
}
