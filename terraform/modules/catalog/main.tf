# The system's facts in one place: which services exist, which topics they produce
# to and consume from, which database schema they own and which paths they serve.
# Both environments read this module, so dev and prod can never disagree about the
# shape of the system; only sizes differ between them.
#
# Keep it in step with the topic catalog in shared-events (the ops CLI's `topics
# apply` creates the topics from there); Terraform only needs the names for IAM,
# autoscaling and alarms.

locals {
  # Key = order id on every topic, so partitions bound consumer parallelism: a
  # consumer group never usefully runs more tasks than this.
  topics = {
    "orders.v1"        = { partitions = 6 }
    "payments.v1"      = { partitions = 6 }
    "inventory.v1"     = { partitions = 6 }
    "shipments.v1"     = { partitions = 6 }
    "notifications.v1" = { partitions = 6 }
  }

  services = {
    "order-service" = {
      produces        = ["orders.v1"]
      consumes        = ["payments.v1", "inventory.v1", "shipments.v1"]
      database_schema = "orders"
      uses_redis      = true
      http_paths      = ["/orders*", "/customers*"]
      has_outbox      = true
    }
    "billing-service" = {
      produces        = ["payments.v1"]
      consumes        = ["orders.v1"]
      database_schema = "billing"
      uses_redis      = false
      http_paths      = []
      has_outbox      = true
    }
    "fulfilment-service" = {
      produces        = ["inventory.v1", "shipments.v1"]
      consumes        = ["orders.v1"]
      database_schema = "fulfilment"
      uses_redis      = false
      http_paths      = []
      has_outbox      = true
    }
    "notification-service" = {
      produces        = ["notifications.v1"]
      consumes        = ["orders.v1", "shipments.v1"]
      database_schema = "notification"
      uses_redis      = false
      http_paths      = ["/notifications*"]
      has_outbox      = true
    }
    "analytics-service" = {
      produces        = []
      consumes        = ["orders.v1", "payments.v1", "inventory.v1", "shipments.v1", "notifications.v1"]
      database_schema = "analytics"
      uses_redis      = true
      http_paths      = ["/analytics*", "/audit*"]
      has_outbox      = false
      # analytics names its consumer group after its generation (docs/analytics.md): generation 1 by default. A
      # rebuild on ECS moves to a new generation: change this and FANOUT_ANALYTICS_GENERATION together.
      consumer_group = "analytics-service-g1"
    }
  }

  # Derived facts: computed here once so that no module re-implements the naming rules.
  services_resolved = {
    for name, s in local.services : name => merge(s, {
      # Dead letters go to <consuming-service>.<source-topic>.dlq, one per consumed topic.
      dlq_topics = [for t in s.consumes : "${name}.${t}.dlq"]
      # Consumer group id = service name (analytics: its generation's group); replay groups start with it.
      consumer_group        = try(s.consumer_group, name)
      consumer_group_prefix = name
      # The partitions of the consumed topics bound how many tasks can share the work.
      max_useful_tasks = length(s.consumes) == 0 ? null : max([for t in s.consumes : local.topics[t].partitions]...)
    })
  }

  dlq_topics = sort(flatten([for s in values(local.services_resolved) : s.dlq_topics]))
}
