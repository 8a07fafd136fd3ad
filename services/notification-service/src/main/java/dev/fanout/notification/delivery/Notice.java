package dev.fanout.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import dev.fanout.notification.message.MessageModel;
import dev.fanout.notification.message.Step;

/**
 * An order event worth telling the customer about, as the planner gets it from a consumer.
 *
 * @param customerId   null for a shipment: ShipmentDispatched does not say whose order it is
 * @param aboutEventId the event's id (ce_id)
 * @param occurredAt   the event's time (ce_time)
 */
public record Notice(UUID orderId, String customerId, Step step, UUID aboutEventId, Instant occurredAt,
        MessageModel model) {
}
