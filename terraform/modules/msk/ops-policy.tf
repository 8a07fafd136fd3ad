# What the ops CLI (`fanout-ops`: topics apply, DLQ list/show/redrive, replay, lag) may
# do on the cluster, and nothing more. Attached to the one-off ops task's role.
data "aws_iam_policy_document" "ops" {
  statement {
    sid = "ClusterDescribe"
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeClusterDynamicConfiguration",
      # Redrive publishes with the idempotent producer, like the services do.
      "kafka-cluster:WriteDataIdempotently",
    ]
    resources = [aws_msk_cluster.this.arn]
  }

  # `topics apply` creates topics and sets their configuration (retention, cleanup).
  # Deliberately no AlterTopic (adding partitions to a keyed topic moves keys between
  # partitions and breaks per-order ordering) and no DeleteTopic.
  statement {
    sid = "TopicsApply"
    actions = [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:CreateTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:AlterTopicDynamicConfiguration",
    ]
    resources = ["${local.topic_arn_prefix}*"]
  }

  statement {
    sid       = "ReadDeadLetters"
    actions   = ["kafka-cluster:ReadData"]
    resources = ["${local.topic_arn_prefix}*${var.dlq_topic_suffix}"]
  }

  dynamic "statement" {
    for_each = length(var.ops_writable_topics) > 0 ? [1] : []

    content {
      sid       = "RedriveToSourceTopics"
      actions   = ["kafka-cluster:WriteData"]
      resources = [for t in var.ops_writable_topics : "${local.topic_arn_prefix}${t}"]
    }
  }

  # Lag per group, offset resets (replay) and the CLI's own group for reading DLQs.
  statement {
    sid       = "Groups"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
    resources = ["${local.group_arn_prefix}*"]
  }
}
