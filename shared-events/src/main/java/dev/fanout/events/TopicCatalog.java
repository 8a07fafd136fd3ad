package dev.fanout.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one typed catalog of every topic: name, partitions, key, retention, producer, event types, and who consumes
 * what. The local stack, the ops CLI ({@code topics apply}), the tests and the Terraform IAM policies all follow it.
 */
public final class TopicCatalog {

    public static final String DLQ_SUFFIX = ".dlq";
    public static final String ORDER_ID_KEY = "order id (UUID, text)";

    /** Six partitions: room for six consumer instances per service, more than a 2-core box or a small ECS service needs. */
    public static final int PARTITIONS = 6;
    public static final Duration RETENTION = Duration.ofDays(7);
    /** Dead letters wait for a human: keep them longer than the events they came from. */
    public static final Duration DLQ_RETENTION = Duration.ofDays(14);

    public static final String ORDER_SERVICE = "order-service";
    public static final String BILLING_SERVICE = "billing-service";
    public static final String FULFILMENT_SERVICE = "fulfilment-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    public static final String ANALYTICS_SERVICE = "analytics-service";
    public static final String OPS = "fanout-ops";

    /**
     * The ops CLI's ledger of redriven dead letters, keyed {@code <dlq topic>/<partition>/<offset>}: compacted, so it
     * remembers forever that a record was redriven, and a second redrive of it is refused.
     */
    public static final String REDRIVE_LEDGER = "fanout.redrives";

    public static final List<TopicSpec> DOMAIN_TOPICS = List.of(
            domainTopic(Topics.ORDERS, ORDER_SERVICE),
            domainTopic(Topics.PAYMENTS, BILLING_SERVICE),
            domainTopic(Topics.INVENTORY, FULFILMENT_SERVICE),
            domainTopic(Topics.SHIPMENTS, FULFILMENT_SERVICE),
            domainTopic(Topics.NOTIFICATIONS, NOTIFICATION_SERVICE));

    /**
     * Which service consumes which topics, under a consumer group named after the service. Each subscription has its
     * own dead-letter topic {@code <service>.<topic>.dlq}.
     */
    public static final Map<String, Set<String>> SUBSCRIPTIONS = orderedMap(
            ORDER_SERVICE, Set.of(Topics.PAYMENTS, Topics.INVENTORY, Topics.SHIPMENTS),
            BILLING_SERVICE, Set.of(Topics.ORDERS),
            FULFILMENT_SERVICE, Set.of(Topics.ORDERS),
            NOTIFICATION_SERVICE, Set.of(Topics.ORDERS, Topics.SHIPMENTS),
            ANALYTICS_SERVICE, Set.of(Topics.ORDERS, Topics.PAYMENTS, Topics.INVENTORY, Topics.SHIPMENTS,
                    Topics.NOTIFICATIONS));

    private TopicCatalog() {
    }

    /** Domain topics, then every dead-letter topic, then the ops ledger. */
    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>(DOMAIN_TOPICS);
        SUBSCRIPTIONS.forEach((service, topics) -> topics.stream().sorted()
                .forEach(topic -> all.add(new TopicSpec(deadLetterTopic(service, topic), 1, ORDER_ID_KEY,
                        DLQ_RETENTION, service, List.of()))));
        all.add(new TopicSpec(REDRIVE_LEDGER, 1, "<dlq topic>/<partition>/<offset>", Duration.ofMillis(-1), OPS,
                List.of(), true));
        return List.copyOf(all);
    }

    /** The dead-letter topics of the catalog. */
    public static List<TopicSpec> deadLetterTopics() {
        return all().stream().filter(TopicSpec::isDeadLetter).toList();
    }

    public static Optional<TopicSpec> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** {@code <consuming service>.<source topic>.dlq}, e.g. {@code billing-service.orders.v1.dlq}. */
    public static String deadLetterTopic(String consumingService, String sourceTopic) {
        return consumingService + "." + sourceTopic + DLQ_SUFFIX;
    }

    private static TopicSpec domainTopic(String name, String producer) {
        return new TopicSpec(name, PARTITIONS, ORDER_ID_KEY, RETENTION, producer,
                EventTypes.ALL.stream().filter(t -> t.topic().equals(name)).toList());
    }

    private static Map<String, Set<String>> orderedMap(Object... pairs) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> topics = (Set<String>) pairs[i + 1];
            map.put((String) pairs[i], topics);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
