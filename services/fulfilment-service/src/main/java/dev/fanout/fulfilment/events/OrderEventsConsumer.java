package dev.fanout.fulfilment.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.fanout.events.EventTypes;
import dev.fanout.fulfilment.shipping.Dispatch;
import dev.fanout.fulfilment.stock.Reservations;
import dev.fanout.kit.consumer.EventHandlers;
import dev.fanout.kit.consumer.EventPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** The order lifecycle (orders.v1): placed orders reserve stock, rejected ones release it, confirmed ones ship. */
@ApplicationScoped
public class OrderEventsConsumer {

    private final EventPipeline pipeline;
    private final SimulatedLatency latency;
    private final EventHandlers orders;

    public OrderEventsConsumer(EventPipeline pipeline, SimulatedLatency latency, Reservations reservations,
            Dispatch dispatch) {
        this.pipeline = pipeline;
        this.latency = latency;
        this.orders = EventHandlers.create()
                .on(EventTypes.ORDER_PLACED, e -> reservations.orderPlaced(e.payload()))
                .on(EventTypes.ORDER_REJECTED, e -> reservations.orderRejected(e.payload()))
                .on(EventTypes.ORDER_CONFIRMED, e -> dispatch.orderConfirmed(e.payload()));
    }

    @Incoming(Channels.ORDERS)
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return latency.then(batch.getRecords().size(), () -> pipeline.processBatch(batch, orders));
    }
}
