# The catalog drives IAM, autoscaling and alarms: a typo here silently grants the wrong
# topic or alarms on a metric that never exists. These checks keep it self-consistent.

run "every_consumed_topic_exists" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for s in values(output.services) : [for t in concat(s.consumes, s.produces) : contains(keys(output.topics), t)]
    ]))
    error_message = "A service produces to or consumes from a topic that is not in the topic list."
  }
}

run "every_topic_has_exactly_one_producer" {
  command = plan

  assert {
    condition = alltrue([
      for t in keys(output.topics) : length([for s in values(output.services) : s if contains(s.produces, t)]) == 1
    ])
    error_message = "Each topic belongs to one producing domain (one topic per producing domain)."
  }
}

run "dead_letter_topics_follow_the_naming_rule" {
  command = plan

  assert {
    condition     = output.services["billing-service"].dlq_topics == ["billing-service.orders.v1.dlq"]
    error_message = "billing-service must dead-letter to billing-service.orders.v1.dlq only."
  }

  assert {
    condition     = length(output.dlq_topics) == sum([for s in values(output.services) : length(s.consumes)])
    error_message = "There must be one dead-letter topic per (consuming service, source topic) pair."
  }
}

run "consumer_groups_can_carry_msk_lag_metrics" {
  command = plan

  # MSK drops consumer-lag metrics for groups whose name has a colon or non-ASCII characters;
  # lag autoscaling and lag alarms depend on those metrics.
  assert {
    condition     = alltrue([for s in values(output.services) : can(regex("^[a-z0-9][a-z0-9.-]*$", s.consumer_group))])
    error_message = "Consumer group names must be plain lower-case ASCII without colons."
  }
}

run "task_cap_is_the_partition_count" {
  command = plan

  assert {
    condition     = alltrue([for s in values(output.services) : s.max_useful_tasks == 6 if length(s.consumes) > 0])
    error_message = "With 6 partitions per topic a consumer group can use at most 6 tasks."
  }
}

run "schemas_are_unique_and_valid_identifiers" {
  command = plan

  assert {
    condition     = length(distinct([for s in values(output.services) : s.database_schema])) == length(output.services)
    error_message = "Each service owns its own schema; no two services may share one."
  }

  assert {
    condition     = alltrue([for s in values(output.services) : can(regex("^[a-z_][a-z0-9_]*$", s.database_schema))])
    error_message = "Schema names must be unquoted PostgreSQL identifiers."
  }
}
