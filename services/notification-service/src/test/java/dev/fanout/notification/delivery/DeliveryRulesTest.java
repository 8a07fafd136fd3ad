package dev.fanout.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.notification.delivery.DeliveryRules.GiveUp;
import dev.fanout.notification.delivery.DeliveryRules.Retry;
import dev.fanout.notification.message.Step;

class DeliveryRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:15:30Z");
    private final DeliveryRules rules = new DeliveryRules(3, Duration.ofSeconds(10), Duration.ofMinutes(1));

    @Test
    void aFailedAttemptIsRetriedWithGrowingBackoffUntilTheAttemptsRunOut() {
        Retry first = (Retry) rules.afterFailure(1, false, "connection refused", NOW);
        assertThat(Duration.between(NOW, first.at())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        Retry second = (Retry) rules.afterFailure(2, false, "connection refused", NOW);
        assertThat(Duration.between(NOW, second.at())).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

        assertThat(rules.afterFailure(3, false, "connection refused", NOW))
                .isEqualTo(new GiveUp("gave up after 3 attempts: connection refused"));
    }

    @Test
    void aPermanentRefusalGivesUpAtOnce() {
        assertThat(rules.afterFailure(1, true, "550 no such user", NOW)).isEqualTo(new GiveUp("refused: 550 no such "
                + "user"));
    }

    @Test
    void backoffIsCapped() {
        for (int attempt = 1; attempt < 40; attempt++) {
            assertThat(rules.backoff(attempt)).isLessThanOrEqualTo(Duration.ofMinutes(1))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void onlyTheTransitionsOfTheStateMachineAreAllowed() {
        assertThat(DeliveryRules.move(DeliveryStatus.WAITING, DeliveryStatus.PENDING)).isEqualTo(DeliveryStatus.PENDING);
        assertThat(DeliveryRules.allowed(DeliveryStatus.WAITING, DeliveryStatus.SKIPPED)).isTrue();
        assertThat(DeliveryRules.allowed(DeliveryStatus.PENDING, DeliveryStatus.SENT)).isTrue();
        assertThat(DeliveryRules.allowed(DeliveryStatus.PENDING, DeliveryStatus.PENDING)).isTrue();
        assertThat(DeliveryRules.allowed(DeliveryStatus.PENDING, DeliveryStatus.FAILED)).isTrue();
        assertThat(DeliveryRules.allowed(DeliveryStatus.WAITING, DeliveryStatus.SENT)).isFalse();
        assertThat(DeliveryRules.allowed(DeliveryStatus.PENDING, DeliveryStatus.SKIPPED)).isFalse();
        for (DeliveryStatus done : new DeliveryStatus[] { DeliveryStatus.SENT, DeliveryStatus.SKIPPED,
                DeliveryStatus.FAILED }) {
            assertThat(done.isFinal()).isTrue();
            for (DeliveryStatus to : DeliveryStatus.values()) {
                assertThat(DeliveryRules.allowed(done, to)).as(done + " -> " + to).isFalse();
            }
        }
        assertThatThrownBy(() -> DeliveryRules.move(DeliveryStatus.SENT, DeliveryStatus.PENDING))
                .hasMessage("a SENT delivery cannot become PENDING");
        assertThatThrownBy(() -> rules.afterFailure(0, false, "x", NOW))
                .isInstanceOf(DeliveryRules.IllegalTransition.class);
    }

    @Test
    void staleEventsAreOlderThanTheMaximumAge() {
        assertThat(DeliveryRules.stale(NOW.minus(Duration.ofHours(25)), NOW, Duration.ofHours(24))).isTrue();
        assertThat(DeliveryRules.stale(NOW.minus(Duration.ofHours(23)), NOW, Duration.ofHours(24))).isFalse();
        assertThat(DeliveryRules.stale(null, NOW, Duration.ofHours(24))).isFalse();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new DeliveryRules(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryRules(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreDeterministicPerOrderStepAndChannel() {
        UUID order = UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b");
        String id = DeliveryIds.of(order, Step.CONFIRMED.about(), Channel.EMAIL);
        // the shape of the NotificationSent golden sample
        assertThat(id).isEqualTo("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b/fanout.order.confirmed.v1/EMAIL");
        assertThat(DeliveryIds.of(order, Step.CONFIRMED.about(), Channel.EMAIL)).isEqualTo(id);
        assertThat(DeliveryIds.of(order, Step.CONFIRMED.about(), Channel.SMS)).isNotEqualTo(id);
        assertThat(DeliveryIds.messageId(id, "notifications.fanout.example"))
                .isEqualTo("<" + id + "@notifications.fanout.example>");
    }

    @Test
    void stepsKnowWhichContradictAndWhichSupersede() {
        assertThat(Step.REJECTED.contradicts(Step.CONFIRMED)).isTrue();
        assertThat(Step.SHIPPED.contradicts(Step.REJECTED)).isTrue();
        assertThat(Step.PLACED.contradicts(Step.REJECTED)).isFalse();
        assertThat(Step.CONFIRMED.contradicts(Step.SHIPPED)).isFalse();
        assertThat(Step.PLACED.supersededBy(Step.SHIPPED)).isTrue();
        assertThat(Step.CONFIRMED.supersededBy(Step.SHIPPED)).isTrue();
        assertThat(Step.PLACED.supersededBy(Step.REJECTED)).isTrue();
        assertThat(Step.SHIPPED.supersededBy(Step.PLACED)).isFalse();
        assertThat(Step.CONFIRMED.supersededBy(Step.REJECTED)).isFalse();
        assertThat(Step.byAbout("fanout.shipment.dispatched.v1")).contains(Step.SHIPPED);
        assertThat(Step.byAbout("fanout.payment.voided.v1")).isEmpty();
    }
}
