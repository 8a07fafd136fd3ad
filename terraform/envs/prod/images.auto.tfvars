# The image each repository runs in this environment. Rolling a service = changing its
# line here (a tag pushed to the environment's ECR repository) and applying; the
# deployment circuit breaker rolls back on its own if the new tasks do not get healthy.
image_tags = {
  "order-service"        = "0.1.0"
  "billing-service"      = "0.1.0"
  "fulfilment-service"   = "0.1.0"
  "notification-service" = "0.1.0"
  "analytics-service"    = "0.1.0"
  "fanout-ops"           = "0.1.0"
}
