# A first apply into an empty account: no ARN, endpoint or id is known while planning.
# This catches count/for_each and conditionals that depend on values AWS computes
# (they would fail a real first plan). Only the zone lookup is mocked, as the real data
# source answers it during plan.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-2a", "eu-west-2b", "eu-west-2c"] }
  }
}

variables {
  image_tags = {
    "order-service"        = "1.0.0"
    "billing-service"      = "1.0.0"
    "fulfilment-service"   = "1.0.0"
    "notification-service" = "1.0.0"
    "analytics-service"    = "1.0.0"
    "fanout-ops"           = "1.0.0"
  }
}

run "plans_with_nothing_known_yet" {
  command = plan

  assert {
    condition     = length(output.services) == 5
    error_message = "The plan must contain all five services before any AWS value is known."
  }
}
