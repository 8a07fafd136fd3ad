package dev.fanout.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of orders, placed the way a well-behaved client does: each with an Idempotency-Key, retried with
 * the same key until it is accepted (a crashed order-service, a database restart), never given up silently.
 */
final class OrderStream implements AutoCloseable {

    /** What an order is built to meet. */
    enum Kind {
        GOOD("SHIPPED"), DECLINED("REJECTED"), SHORT("REJECTED");

        final String expectedStatus;

        Kind(String expectedStatus) {
            this.expectedStatus = expectedStatus;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final String orderService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService clients = Executors.newFixedThreadPool(16);
    private final Map<String, Kind> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    OrderStream(String orderService, int perSecond) {
        this.orderService = orderService;
        ticker.scheduleAtFixedRate(() -> {
            if (running.get()) {
                long n = sequence.incrementAndGet();
                inFlight.incrementAndGet();
                clients.submit(() -> place(n));
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    private void place(long n) {
        Kind kind = n % 5 < 3 ? Kind.GOOD : n % 5 == 3 ? Kind.DECLINED : Kind.SHORT;
        String key = UUID.randomUUID().toString();
        String body = body(kind, n);
        Instant deadline = Instant.now().plus(GIVE_UP);
        try {
            while (Instant.now().isBefore(deadline)) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(orderService
                            + "/orders")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        Matcher id = ID.matcher(response.body());
                        if (id.find()) {
                            accepted.put(id.group(1), kind);
                            return;
                        }
                    } else if (response.statusCode() < 500 && response.statusCode() != 409) {
                        break; // a 4xx that a retry cannot fix: counted as given up
                    }
                } catch (IOException e) {
                    // order-service down or restarting: retry with the same key
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            gaveUp.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static String body(Kind kind, long n) {
        String customer = (kind == Kind.DECLINED ? "decline-faults-" : "faults-") + n % 50;
        String lines = kind == Kind.SHORT
                ? "{\"sku\":\"BOOK-0002\",\"quantity\":1,\"unitPrice\":10.00},"
                        + "{\"sku\":\"LAMP-0007\",\"quantity\":4,\"unitPrice\":39.00}"
                : "{\"sku\":\"BOOK-000" + (1 + n % 9) + "\",\"quantity\":" + (1 + n % 3) + ",\"unitPrice\":12.50},"
                        + "{\"sku\":\"MUG-0042\",\"quantity\":1,\"unitPrice\":8.99}";
        return "{\"customerId\":\"" + customer + "\",\"currency\":\"GBP\",\"lines\":[" + lines + "]}";
    }

    Map<String, Kind> accepted() {
        return Map.copyOf(accepted);
    }

    int gaveUp() {
        return gaveUp.get();
    }

    long retries() {
        return retries.get();
    }

    /** Stops placing new orders and waits for the ones in flight (retries included) to be accepted or given up. */
    void stop() {
        running.set(false);
        ticker.shutdown();
        Instant deadline = Instant.now().plus(GIVE_UP.plusSeconds(10));
        while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
            Faults.hold(Duration.ofMillis(100));
        }
    }

    @Override
    public void close() {
        running.set(false);
        ticker.shutdownNow();
        clients.shutdownNow();
    }
}
