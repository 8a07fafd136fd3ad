package dev.fanout.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void everyEventTypeLivesOnACatalogedDomainTopic() {
        for (EventType<?> type : EventTypes.ALL) {
            TopicSpec topic = TopicCatalog.byName(type.topic()).orElseThrow();
            assertThat(topic.eventTypes()).contains(type);
            assertThat(topic.isDeadLetter()).isFalse();
        }
    }

    @Test
    void eachSubscriptionHasItsOwnDeadLetterTopic() {
        assertThat(TopicCatalog.byName("billing-service.orders.v1.dlq")).hasValueSatisfying(t -> {
            assertThat(t.isDeadLetter()).isTrue();
            assertThat(t.producer()).isEqualTo("billing-service");
            assertThat(t.retention()).isGreaterThan(TopicCatalog.RETENTION);
        });
        long dlqs = TopicCatalog.deadLetterTopics().size();
        long subscriptions = TopicCatalog.SUBSCRIPTIONS.values().stream().mapToLong(Set::size).sum();
        assertThat(dlqs).isEqualTo(subscriptions);
    }

    @Test
    void namesAreUniqueAndSubscriptionsOnlyNameDomainTopics() {
        Set<String> names = new HashSet<>();
        TopicCatalog.all().forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
        TopicCatalog.SUBSCRIPTIONS.values().forEach(topics -> topics.forEach(
                topic -> assertThat(TopicCatalog.DOMAIN_TOPICS).anyMatch(t -> t.name().equals(topic))));
    }

    @Test
    void eventTypesAreLookedUpByTheirCloudEventsType() {
        assertThat(EventTypes.byType("fanout.order.placed.v1")).contains(EventTypes.ORDER_PLACED);
        assertThat(EventTypes.byType("fanout.order.exploded.v1")).isEmpty();
        assertThat(EventTypes.byType(null)).isEmpty();
    }

    @Test
    void eventTypeNamesFollowTheConvention() {
        assertThatThrownBy(() -> new EventType<>("OrderPlaced", Object.class, Topics.ORDERS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
