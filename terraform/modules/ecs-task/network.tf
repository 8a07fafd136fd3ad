resource "aws_security_group" "this" {
  name        = "${var.name_prefix}-${var.name}"
  description = "${var.name}: egress to its dependencies only"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name_prefix}-${var.name}" }
}

resource "aws_vpc_security_group_egress_rule" "connections" {
  for_each = var.connections

  security_group_id            = aws_security_group.this.id
  description                  = "${var.name} to ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = each.value.security_group_id
}

# The other side of the same flow: the dependency accepts this task and nothing else
# unless another client declares itself too.
resource "aws_vpc_security_group_ingress_rule" "connections" {
  for_each = var.connections

  security_group_id            = each.value.security_group_id
  description                  = "${var.name} (${var.name_prefix}) on ${each.value.port}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = aws_security_group.this.id
}

resource "aws_vpc_security_group_egress_rule" "https" {
  count = var.allow_https_egress ? 1 : 0

  security_group_id = aws_security_group.this.id
  description       = "HTTPS: AWS APIs (via endpoints and NAT) and external APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
