mock_provider "aws" {
  override_during = plan

  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/fanout-test-role" }
  }
}

variables {
  name                  = "fanout-ops"
  name_prefix           = "fanout-test"
  region                = "eu-west-2"
  cluster_name          = "fanout-test"
  vpc_id                = "vpc-0123456789abcdef0"
  subnet_ids            = ["subnet-a", "subnet-b"]
  image                 = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/fanout-ops:1.0.0"
  image_repository_arns = ["arn:aws:ecr:eu-west-2:111122223333:repository/fanout-ops"]
  command               = ["topics", "apply", "--bootstrap", "b-1:9098", "--iam"]
  secrets = {
    PGPASSWORD = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-1-AbCdEf:password::"
    PGUSER     = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-1-AbCdEf:username::"
  }
  connections = {
    kafka = { security_group_id = "sg-msk", port = 9098 }
  }
}

run "execution_role_reads_only_its_own_secrets_and_image" {
  command = plan

  assert {
    condition     = toset(flatten([for s in data.aws_iam_policy_document.execution.statement : s.resources if contains(s.actions, "secretsmanager:GetSecretValue")])) == toset(["arn:aws:secretsmanager:eu-west-2:111122223333:secret:rds!cluster-1-AbCdEf"])
    error_message = "Secret access must be the secret ARNs themselves (JSON key suffix stripped), nothing broader."
  }

  assert {
    condition     = toset(flatten([for s in data.aws_iam_policy_document.execution.statement : s.resources if contains(s.actions, "ecr:BatchGetImage")])) == toset(["arn:aws:ecr:eu-west-2:111122223333:repository/fanout-ops"])
    error_message = "Image pulls must be limited to the task's repository."
  }
}

run "connections_open_both_sides_of_one_flow" {
  command = plan

  assert {
    condition     = aws_vpc_security_group_egress_rule.connections["kafka"].from_port == 9098 && aws_vpc_security_group_egress_rule.connections["kafka"].referenced_security_group_id == "sg-msk"
    error_message = "The task may leave only towards the dependency's group on its port."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.connections["kafka"].security_group_id == "sg-msk" && aws_vpc_security_group_ingress_rule.connections["kafka"].to_port == 9098
    error_message = "The dependency must accept the task on that port."
  }
}

run "runs_privately_with_the_command_baked_in" {
  command = plan

  assert {
    condition     = jsondecode(output.network_configuration).awsvpcConfiguration.assignPublicIp == "DISABLED"
    error_message = "One-off tasks must run without a public IP."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].command == ["topics", "apply", "--bootstrap", "b-1:9098", "--iam"]
    error_message = "The task definition carries the command."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem == true
    error_message = "The root filesystem is read-only by default."
  }
}

run "rejects_latest" {
  command = plan

  variables {
    image = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/fanout-ops:latest"
  }

  expect_failures = [var.image]
}

run "rejects_a_variable_that_is_both_plain_and_secret" {
  command = plan

  variables {
    environment = { PGUSER = "fanout" }
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_a_cpu_memory_pair_fargate_does_not_offer" {
  command = plan

  variables {
    cpu    = 256
    memory = 4096
  }

  expect_failures = [var.memory]
}
