package dev.fanout.notification.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.notification.NotificationSettings;

/** Settings that would break the delivery guarantee stop the service at start-up. */
class DispatcherSettingsTest {

    @Test
    void theDefaultsAreSound() {
        assertThatCode(() -> Dispatcher.check(settings(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofDays(30), Duration.ofHours(24)))).doesNotThrowAnyException();
    }

    @Test
    void aSendMayNotOutliveItsLease() {
        assertThatThrownBy(() -> Dispatcher.check(settings(Duration.ofMinutes(2), Duration.ofMinutes(2),
                Duration.ofDays(30), Duration.ofHours(24)))).hasMessageContaining("send-timeout");
    }

    @Test
    void deliveriesAreKeptLongerThanAnEventMayBeSent() {
        assertThatThrownBy(() -> Dispatcher.check(settings(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofHours(12), Duration.ofHours(24)))).hasMessageContaining("retention");
    }

    private static NotificationSettings settings(Duration sendTimeout, Duration lease, Duration retention,
            Duration maxAge) {
        NotificationSettings.Dispatch dispatch = new NotificationSettings.Dispatch() {
            public boolean enabled() {
                return true;
            }

            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            public int batchSize() {
                return 20;
            }

            public int maxAttempts() {
                return 5;
            }

            public Duration initialBackoff() {
                return Duration.ofSeconds(10);
            }

            public Duration maxBackoff() {
                return Duration.ofMinutes(10);
            }

            public Duration sendTimeout() {
                return sendTimeout;
            }

            public Duration lease() {
                return lease;
            }
        };
        return new NotificationSettings() {
            public SenderKind sender() {
                return SenderKind.RECORDING;
            }

            public String defaultEmailDomain() {
                return "customers.fanout.example";
            }

            public String messageIdDomain() {
                return "notifications.fanout.example";
            }

            public Duration maxEventAge() {
                return maxAge;
            }

            public Duration retention() {
                return retention;
            }

            public Dispatch dispatch() {
                return dispatch;
            }
        };
    }
}
