package dev.fanout.billing.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.fanout.billing.payment.PaymentService;
import dev.fanout.events.EventTypes;
import dev.fanout.kit.consumer.EventHandlers;
import dev.fanout.kit.consumer.EventPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * orders.v1 as billing sees it: OrderPlaced authorizes, OrderRejected voids, both applied by {@link PaymentService}
 * (inbox, retries and dead letters come from the kit's pipeline). OrderConfirmed has no handler: acknowledged and
 * counted as ignored.
 */
@ApplicationScoped
public class OrdersConsumer {

    private final EventPipeline pipeline;
    private final EventHandlers orders;

    public OrdersConsumer(EventPipeline pipeline, PaymentService payments) {
        this.pipeline = pipeline;
        this.orders = EventHandlers.create()
                .on(EventTypes.ORDER_PLACED, e -> payments.orderPlaced(e.payload()))
                .on(EventTypes.ORDER_REJECTED, e -> payments.orderRejected(e.payload()));
    }

    @Incoming(Channels.ORDERS)
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, orders);
    }
}
