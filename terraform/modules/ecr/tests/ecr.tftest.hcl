mock_provider "aws" {}

variables {
  repositories = ["order-service", "fanout-ops"]
}

run "immutable_scanned_and_pruned" {
  command = plan

  assert {
    condition     = alltrue([for r in values(aws_ecr_repository.this) : r.image_tag_mutability == "IMMUTABLE" && r.image_scanning_configuration[0].scan_on_push])
    error_message = "Tags must be immutable and images scanned on push."
  }

  assert {
    condition = alltrue([for p in values(aws_ecr_lifecycle_policy.this) :
      [for r in jsondecode(p.policy).rules : r.selection.tagStatus] == ["untagged", "tagged"]
    ])
    error_message = "Each repository expires untagged images and keeps a bounded number of tagged ones."
  }

  assert {
    condition     = alltrue([for r in values(aws_ecr_repository.this) : r.force_delete == false])
    error_message = "Repositories must not be deletable with images in them unless asked (dev)."
  }
}
