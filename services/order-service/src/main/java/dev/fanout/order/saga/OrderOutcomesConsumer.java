package dev.fanout.order.saga;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.fanout.events.EventTypes;
import dev.fanout.kit.consumer.EventHandlers;
import dev.fanout.kit.consumer.EventPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Billing's, fulfilment's and shipping's answers, each topic on its own channel, all applied by {@link OrderSaga}. */
@ApplicationScoped
public class OrderOutcomesConsumer {

    private final EventPipeline pipeline;
    private final EventHandlers payments;
    private final EventHandlers inventory;
    private final EventHandlers shipments;

    public OrderOutcomesConsumer(EventPipeline pipeline, OrderSaga saga) {
        this.pipeline = pipeline;
        this.payments = EventHandlers.create()
                .on(EventTypes.PAYMENT_AUTHORIZED, e -> saga.paymentAuthorized(e.payload()))
                .on(EventTypes.PAYMENT_DECLINED, e -> saga.paymentDeclined(e.payload()));
        this.inventory = EventHandlers.create()
                .on(EventTypes.STOCK_RESERVED, e -> saga.stockReserved(e.payload().orderId()))
                .on(EventTypes.STOCK_REJECTED, e -> saga.stockRejected(e.payload()));
        this.shipments = EventHandlers.create()
                .on(EventTypes.SHIPMENT_DISPATCHED, e -> saga.shipmentDispatched(e.payload()));
    }

    @Incoming(Channels.PAYMENTS)
    public Uni<Void> onPayments(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, payments);
    }

    @Incoming(Channels.INVENTORY)
    public Uni<Void> onStock(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, inventory);
    }

    @Incoming(Channels.SHIPMENTS)
    public Uni<Void> onShipments(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, shipments);
    }
}
