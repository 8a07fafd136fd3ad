package dev.fanout.notification.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.fanout.events.EventTypes;
import dev.fanout.kit.consumer.EventHandlers;
import dev.fanout.kit.consumer.EventPipeline;
import dev.fanout.notification.delivery.DeliveryPlanner;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The order lifecycle, from two topics: placed, confirmed and rejected orders (orders.v1) and dispatched ones
 * (shipments.v1). Each event plans its deliveries in the pipeline's transaction (inbox claim included); sending is
 * the dispatcher's, after the commit.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private final EventPipeline pipeline;
    private final EventHandlers orders;
    private final EventHandlers shipments;

    public OrderEventsConsumer(EventPipeline pipeline, DeliveryPlanner planner) {
        this.pipeline = pipeline;
        this.orders = EventHandlers.create()
                .on(EventTypes.ORDER_PLACED, e -> planner.plan(Notices.placed(e)))
                .on(EventTypes.ORDER_CONFIRMED, e -> planner.plan(Notices.confirmed(e)))
                .on(EventTypes.ORDER_REJECTED, e -> planner.plan(Notices.rejected(e)));
        this.shipments = EventHandlers.create()
                .on(EventTypes.SHIPMENT_DISPATCHED, e -> planner.plan(Notices.shipped(e)));
    }

    @Incoming(Channels.ORDERS)
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, orders);
    }

    @Incoming(Channels.SHIPMENTS)
    public Uni<Void> onShipment(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, shipments);
    }
}
