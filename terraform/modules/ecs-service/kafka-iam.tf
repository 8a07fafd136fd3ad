# The task role's Kafka permissions, derived from what the service produces and
# consumes. Nothing here is a wildcard over topics: a service cannot read, write or
# even describe a topic it does not use. Groups are granted by prefix so that
# side-by-side replay groups (<service>-rebuild-...) work without a policy change.
#
# MSK IAM resource ARNs share the cluster's name and UUID:
#   cluster  arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>
#   topic    arn:aws:kafka:<region>:<account>:topic/<name>/<uuid>/<topic>
#   group    arn:aws:kafka:<region>:<account>:group/<name>/<uuid>/<group>

locals {
  topic_arn_prefix = "${replace(var.kafka.cluster_arn, ":cluster/", ":topic/")}/"
  group_arn_prefix = "${replace(var.kafka.cluster_arn, ":cluster/", ":group/")}/"

  consumer_group  = coalesce(var.kafka.consumer_group, var.name)
  consumed_topics = sort(keys(var.kafka.consumes))
  is_consumer     = length(local.consumed_topics) > 0
  # Dead-letter topics are written by the consumer itself, like its source topics.
  written_topics = sort(distinct(concat(var.kafka.produces, var.kafka.dead_letter_topics)))
  writes         = length(local.written_topics) > 0
}

data "aws_iam_policy_document" "kafka" {
  statement {
    sid = "Cluster"
    # WriteDataIdempotently: the outbox relay and the DLQ producer use the idempotent
    # producer (enable.idempotence=true, acks=all).
    actions = concat(
      ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
      local.writes ? ["kafka-cluster:WriteDataIdempotently"] : [],
    )
    resources = [var.kafka.cluster_arn]
  }

  dynamic "statement" {
    for_each = local.writes ? [1] : []

    content {
      sid       = "WriteOwnTopics"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
      resources = [for t in local.written_topics : "${local.topic_arn_prefix}${t}"]
    }
  }

  dynamic "statement" {
    for_each = local.is_consumer ? [1] : []

    content {
      sid       = "ReadSubscribedTopics"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
      resources = [for t in local.consumed_topics : "${local.topic_arn_prefix}${t}"]
    }
  }

  dynamic "statement" {
    for_each = local.is_consumer ? [1] : []

    content {
      sid       = "OwnConsumerGroups"
      actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
      resources = ["${local.group_arn_prefix}${local.consumer_group}*"]
    }
  }
}
