package dev.fanout.analytics.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.kit.consumer.EventHandlers;
import dev.fanout.kit.consumer.EventPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Every topic, each on its own channel, every event type of it handled (none is ignored: each one is audited and
 * counted), a poll at a time in one transaction. The service kit's pipeline does the rest: inbox dedupe per consumer group, retries, dead letters to
 * {@code analytics-service.<topic>.dlq}.
 */
@ApplicationScoped
public class AnalyticsConsumer {

    private final EventPipeline pipeline;
    private final EventHandlers orders;
    private final EventHandlers payments;
    private final EventHandlers inventory;
    private final EventHandlers shipments;
    private final EventHandlers notifications;

    public AnalyticsConsumer(EventPipeline pipeline, EventRecorder recorder) {
        this.pipeline = pipeline;
        this.orders = handlers(Topics.ORDERS, recorder);
        this.payments = handlers(Topics.PAYMENTS, recorder);
        this.inventory = handlers(Topics.INVENTORY, recorder);
        this.shipments = handlers(Topics.SHIPMENTS, recorder);
        this.notifications = handlers(Topics.NOTIFICATIONS, recorder);
    }

    /** A handler for every event type the catalog has on {@code topic}, today's and any added later. */
    static EventHandlers handlers(String topic, EventRecorder recorder) {
        EventHandlers handlers = EventHandlers.create();
        for (EventType<?> type : EventTypes.ALL) {
            if (type.topic().equals(topic)) {
                register(handlers, type, recorder);
            }
        }
        return handlers;
    }

    private static <T> void register(EventHandlers handlers, EventType<T> type, EventRecorder recorder) {
        handlers.on(type, recorder::record);
    }

    @Incoming(Channels.ORDERS)
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, orders);
    }

    @Incoming(Channels.PAYMENTS)
    public Uni<Void> onPayment(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, payments);
    }

    @Incoming(Channels.INVENTORY)
    public Uni<Void> onStock(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, inventory);
    }

    @Incoming(Channels.SHIPMENTS)
    public Uni<Void> onShipment(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, shipments);
    }

    @Incoming(Channels.NOTIFICATIONS)
    public Uni<Void> onNotification(KafkaRecordBatch<String, byte[]> batch) {
        return pipeline.processBatch(batch, notifications);
    }
}
