# Roles and schemas cannot be created through the RDS API, and a PostgreSQL provider
# would need a network path from wherever Terraform runs into the data subnets. So the
# SQL runs inside the VPC as a one-off ECS task (see stack/), with psql from the
# official postgres image, the master credentials from the RDS-managed secret and each
# service's password from its own secret. It is idempotent: run it after the first
# apply and after adding a service.
#
# Per service: a LOGIN role, a schema it owns, search_path set to that schema, CONNECT
# on the database. PUBLIC loses CONNECT and CREATE on public, so no service can reach
# another's tables.

locals {
  password_variables = { for svc, role in local.roles : svc => "PW_${upper(role)}" }

  bootstrap_sql = join("\n", concat(
    [
      "\\set ON_ERROR_STOP on",
      "REVOKE ALL ON DATABASE ${var.database_name} FROM PUBLIC;",
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
    ],
    flatten([
      for svc in sort(keys(var.databases)) : [
        "-- ${svc}",
        "SELECT 'CREATE ROLE ${local.roles[svc]} LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${local.roles[svc]}') \\gexec",
        "ALTER ROLE ${local.roles[svc]} WITH LOGIN PASSWORD :'pw_${local.roles[svc]}';",
        # Membership lets the master user create the schema on the role's behalf (PostgreSQL 16+).
        "GRANT ${local.roles[svc]} TO CURRENT_USER;",
        "CREATE SCHEMA IF NOT EXISTS ${var.databases[svc]} AUTHORIZATION ${local.roles[svc]};",
        "ALTER ROLE ${local.roles[svc]} SET search_path = ${var.databases[svc]};",
        "GRANT CONNECT ON DATABASE ${var.database_name} TO ${local.roles[svc]};",
      ]
    ]),
  ))

  # psql variables carry the passwords; :'name' quotes them safely inside SQL.
  bootstrap_script = join(" ", concat(
    ["printf '%s\\n' \"$BOOTSTRAP_SQL\" | psql --no-psqlrc"],
    [for svc in sort(keys(var.databases)) : "-v pw_${local.roles[svc]}=\"$${${local.password_variables[svc]}}\""],
  ))
}
