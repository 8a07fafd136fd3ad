# Tasks that run to completion when an operator starts them (`aws ecs run-task`, see
# the run_commands output), inside the VPC with the same network rules as services.

# The ops CLI: `topics apply` creates the topics (partitions, replication, retention)
# from the shared-events topic catalog. Other commands (dlq list/show/redrive, replay,
# lag) run from the same task definition with a command override.
module "ops_task" {
  source = "../modules/ecs-task"

  name                  = local.ops_repo
  name_prefix           = local.name
  region                = var.region
  cluster_name          = module.ecs_cluster.cluster_name
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.private_subnet_ids
  image                 = local.image[local.ops_repo]
  image_repository_arns = [module.ecr.repository_arns[local.ops_repo]]
  cpu                   = 256
  memory                = 512
  command               = ["topics", "apply", "--bootstrap", module.msk.bootstrap_brokers_iam, "--iam"]
  task_role_policies    = { kafka = module.msk.ops_policy_json }
  log_retention_days    = var.log_retention_days

  connections = {
    kafka = { security_group_id = module.msk.security_group_id, port = module.msk.client_port }
  }
}

# Creates each service's login role and schema (idempotent); see modules/rds/bootstrap.tf.
module "db_bootstrap_task" {
  source = "../modules/ecs-task"

  name               = "db-bootstrap"
  name_prefix        = local.name
  region             = var.region
  cluster_name       = module.ecs_cluster.cluster_name
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  image              = var.postgres_client_image
  cpu                = 256
  memory             = 512
  entry_point        = ["/bin/sh", "-c"]
  command            = [module.rds.bootstrap.command]
  environment        = merge(module.rds.bootstrap.environment, { BOOTSTRAP_SQL = module.rds.bootstrap.sql })
  secrets            = module.rds.bootstrap.secrets
  log_retention_days = var.log_retention_days

  connections = {
    postgres = { security_group_id = module.rds.security_group_id, port = module.rds.port }
  }
}
