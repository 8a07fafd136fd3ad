package dev.fanout.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.fanout.events.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and stamps them sent once the broker acknowledged them.
 *
 * <ul>
 * <li>One relay per service across instances: the leader holds a PostgreSQL session advisory lock on a connection
 * of its own; if it dies the lock goes with its connection and a standby takes over within
 * {@code leader-retry-interval}. A single writer in id order is what keeps each key's events in order.</li>
 * <li>Idempotent producer, {@code acks=all}: a broker-side retry never duplicates or reorders within a partition.
 * A crash between the ack and the {@code sent_at} update re-publishes those rows; consumers dedupe on
 * {@code ce_id}, which stays the same.</li>
 * <li>Broker down: sends fail after {@code max.block.ms}/{@code delivery.timeout.ms}, nothing is stamped, the
 * relay backs off (up to {@code max-backoff}) and publishes the backlog, in order, when the broker is back. Order
 * intake never waits for Kafka.</li>
 * </ul>
 *
 * A plain Kafka producer rather than a messaging channel: the relay needs the per-record outcome of each send and
 * must not have sends retried (and possibly reordered) behind its back.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final OutboxSettings settings;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final String table;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean brokerReachable = new AtomicBoolean(true);
    private volatile Thread thread;
    private volatile KafkaProducer<String, String> producer;
    private KafkaClientMetrics producerMetrics;
    private SqlConnection leaderConnection;
    private Counter published;
    private Counter failures;

    public OutboxRelay(Pool pool, OutboxSettings settings,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.pool = pool;
        this.settings = settings;
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        this.table = OutboxTables.qualified(settings.schema(), "outbox_event");
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.relayEnabled()) {
            LOG.info("outbox relay disabled (fanout.outbox.relay-enabled=false)");
            return;
        }
        published = Counter.builder("fanout.outbox.published").description("Outbox events acknowledged by Kafka")
                .register(registry);
        failures = Counter.builder("fanout.outbox.publish.failures")
                .description("Outbox events whose publish failed and will be retried").register(registry);
        registry.gauge("fanout.outbox.leader", leading, l -> l.get() ? 1 : 0);
        running.set(true);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running.set(false);
        wake();
        Thread relay = thread;
        if (relay != null) {
            try {
                relay.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeadership();
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Something was committed to the outbox: publish it now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Whether this instance currently publishes the outbox. */
    public boolean isLeader() {
        return leading.get();
    }

    /** False after a publish round failed to reach Kafka, true again after the next success. */
    public boolean brokerReachable() {
        return brokerReachable.get();
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (running.get()) {
            try {
                if (!leading.get() && !tryLead()) {
                    pause(settings.leaderRetryInterval());
                    continue;
                }
                int relayed = relayOnce();
                backoff = MIN_BACKOFF;
                if (relayed < settings.batchSize()) {
                    awaitWork();
                }
            } catch (PublishFailedException e) {
                brokerReachable.set(false);
                LOG.warnf("outbox: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                pause(backoff);
                backoff = next(backoff);
            } catch (RuntimeException e) {
                LOG.warnf("outbox: database error (%s); giving up leadership, retrying in %d ms", rootMessage(e),
                        backoff.toMillis());
                releaseLeadership();
                pause(backoff);
                backoff = next(backoff);
            }
        }
    }

    private boolean tryLead() {
        SqlConnection connection = pool.getConnection().await().atMost(DB_TIMEOUT);
        try {
            boolean locked = connection.preparedQuery("SELECT pg_try_advisory_lock(hashtext($1))")
                    .execute(Tuple.of("fanout-outbox:" + table)).await().atMost(DB_TIMEOUT)
                    .iterator().next().getBoolean(0);
            if (!locked) {
                connection.closeAndAwait();
                return false;
            }
        } catch (RuntimeException e) {
            connection.closeAndAwait();
            throw e;
        }
        leaderConnection = connection;
        leading.set(true);
        LOG.infof("outbox: this instance now relays %s", table);
        return true;
    }

    private void releaseLeadership() {
        if (leaderConnection != null) {
            try {
                leaderConnection.closeAndAwait(); // closing the session releases the advisory lock
            } catch (RuntimeException e) {
                LOG.debugf("outbox: closing the leader connection: %s", e.getMessage());
            }
            leaderConnection = null;
        }
        leading.set(false);
    }

    /** One round: read a batch of unsent rows, send them, stamp the acknowledged ones. Returns how many. */
    int relayOnce() {
        RowSet<Row> rows = leaderConnection.preparedQuery("SELECT id, event_id, event_type, topic, message_key, "
                + "source, subject, occurred_at, payload, trace_parent FROM " + table
                + " WHERE sent_at IS NULL ORDER BY id LIMIT $1")
                .execute(Tuple.of(settings.batchSize())).await().atMost(DB_TIMEOUT);
        if (rows.size() == 0) {
            return 0;
        }
        KafkaProducer<String, String> kafka = producer();
        List<Long> ids = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        RuntimeException sendFailure = null;
        for (Row row : rows) {
            // typically: no metadata within max.block.ms because the broker is down. The producer reports that as
            // an already failed future rather than throwing; either way later rows must wait their turn, or they
            // would reach the partition ahead of this one when it is retried
            try {
                Future<RecordMetadata> send = kafka.send(toRecord(row));
                if (send.isDone()) {
                    send.get();
                }
                sends.add(send);
                ids.add(row.getLong("id"));
            } catch (ExecutionException e) {
                sendFailure = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sendFailure = new IllegalStateException(e);
                break;
            } catch (RuntimeException e) {
                sendFailure = e;
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>(ids.size());
        Throwable ackFailure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(deliveryTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                acknowledged.add(ids.get(i));
            } catch (ExecutionException e) {
                ackFailure = e.getCause();
            } catch (TimeoutException e) {
                ackFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ackFailure = e;
            }
        }
        if (!acknowledged.isEmpty()) {
            leaderConnection.preparedQuery("UPDATE " + table + " SET sent_at = now() WHERE id = ANY($1)")
                    .execute(Tuple.of(acknowledged.toArray(Long[]::new))).await().atMost(DB_TIMEOUT);
            published.increment(acknowledged.size());
            brokerReachable.set(true);
        }
        int failed = rows.size() - acknowledged.size();
        if (failed > 0) {
            failures.increment(failed);
            Throwable cause = sendFailure != null ? sendFailure : ackFailure;
            throw new PublishFailedException(failed + " of " + rows.size() + " events not acknowledged ("
                    + rootMessage(cause) + ")");
        }
        return acknowledged.size();
    }

    private ProducerRecord<String, String> toRecord(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.TYPE, row.getString("event_type"));
        header(headers, CloudEventHeaders.SOURCE, row.getString("source"));
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        header(headers, CloudEventHeaders.TIME, occurredAt.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
        if (row.getString("subject") != null) {
            header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (row.getString("trace_parent") != null) {
            header(headers, "traceparent", row.getString("trace_parent"));
        }
        return new ProducerRecord<>(row.getString("topic"), null, occurredAt.toInstant().toEpochMilli(),
                row.getString("message_key"), row.getString("payload"), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (ProducerConfig.configNames().contains(key)) {
                    config.put(key, value);
                }
            });
            config.put(ProducerConfig.CLIENT_ID_CONFIG,
                    "outbox-relay-" + settings.source().substring(settings.source().lastIndexOf('/') + 1));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
            // fail a round fast while the broker is away, instead of blocking the relay for the default 60 s
            config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(registry);
        }
        return producer;
    }

    private Duration deliveryTimeout() {
        Object configured = kafkaConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        return Duration.ofMillis(configured == null ? 30_000 : Long.parseLong(configured.toString()));
    }

    private void awaitWork() {
        try {
            wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private void pause(Duration duration) {
        try {
            // a wake-up (or shutdown) does not cut a back-off short: the broker or database needs the time
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    static String rootMessage(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Some rows of a round were not acknowledged; they stay unsent and go out in a later round. */
    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
