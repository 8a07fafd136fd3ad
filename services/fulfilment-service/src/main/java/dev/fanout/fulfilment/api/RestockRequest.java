package dev.fanout.fulfilment.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /stock/{sku}/restock}: how many units arrived. */
@RegisterForReflection
public record RestockRequest(Integer quantity) {
}
