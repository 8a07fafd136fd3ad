package dev.fanout.analytics.aggregate;

import java.time.Instant;
import java.util.List;

/**
 * What one event changes in a generation's aggregates: the steps of the apply script, in order, and the event's
 * business time (null when neither the payload nor the envelope has one).
 */
public record AggregateUpdate(List<RedisOp> ops, Instant eventTime) {

    public AggregateUpdate {
        ops = List.copyOf(ops);
    }
}
