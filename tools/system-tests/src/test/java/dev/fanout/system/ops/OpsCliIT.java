package dev.fanout.system.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.Topics;
import dev.fanout.ops.OpsCli;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.FanoutTestInfra;
import dev.fanout.testing.KafkaProbe;
import picocli.CommandLine;

/** The ops CLI against a real broker: the same commands an operator runs against MSK (with --iam). */
class OpsCliIT {

    static String bootstrap;
    static KafkaProbe kafka;
    static EventPublisher publisher;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void connect() {
        bootstrap = FanoutTestInfra.stack().profile().kafkaBootstrap();
        kafka = new KafkaProbe(bootstrap);
        publisher = new EventPublisher(bootstrap);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        publisher.close();
    }

    static Run fanout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OpsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withCluster = new String[args.length + 2];
        System.arraycopy(args, 0, withCluster, 0, args.length);
        withCluster[args.length] = "--bootstrap";
        withCluster[args.length + 1] = bootstrap;
        int status = cli.execute(withCluster);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void topicsApplyIsIdempotent() {
        Run first = fanout("topics", "apply");
        Run second = fanout("topics", "apply");

        assertThat(first.status()).isZero();
        assertThat(second.status()).isZero();
        assertThat(second.out()).contains("orders.v1").contains("unchanged").doesNotContain("CREATED");
    }

    @Test
    void anUnreachableClusterIsOneClearLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = OpsCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("lag", "--bootstrap", "127.0.0.1:1", "--timeout", "2");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot reach Kafka at 127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void redriveSendsADeadLetterBackOnceForItsConsumerGroupWithItsEventId() {
        String key = "redrive-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        publisher.publishRaw("order-service.shipments.v1.dlq", key,
                "{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.ID, eventId, CloudEventHeaders.TYPE, "fanout.shipment.dispatched.v1",
                DeadLetterHeaders.REASON, "rejected: a PENDING order cannot ship",
                DeadLetterHeaders.SOURCE_TOPIC, Topics.SHIPMENTS, DeadLetterHeaders.SOURCE_PARTITION, "3",
                DeadLetterHeaders.SOURCE_OFFSET, "17", DeadLetterHeaders.CONSUMER, "order-service/shipments.v1",
                DeadLetterHeaders.CATEGORY, "rejected", DeadLetterHeaders.ATTEMPTS, "1",
                DeadLetterHeaders.FAILED_AT, Instant.now().toString());

        Run shown = fanout("dlq", "show", "order-service.shipments.v1.dlq", "--key", key);
        assertThat(shown.out()).contains("PENDING").contains("rejected: a PENDING order cannot ship")
                .contains("from      shipments.v1/3@17, consumer order-service/shipments.v1");

        Run dry = fanout("dlq", "redrive", "order-service.shipments.v1.dlq", "--key", key, "--dry-run");
        assertThat(dry.out()).contains("would redrive 1");
        Run redriven = fanout("dlq", "redrive", "order-service.shipments.v1.dlq", "--key", key);
        assertThat(redriven.status()).isZero();
        assertThat(redriven.out()).contains("redrove 1, skipped 0");

        List<ConsumerRecord<String, String>> back = kafka.awaitKey(Topics.SHIPMENTS, key, 1, Duration.ofSeconds(30));
        assertThat(back).hasSize(1);
        ConsumerRecord<String, String> record = back.get(0);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(KafkaProbe.header(record, DeadLetterHeaders.REDRIVE_FOR)).isEqualTo("order-service");
        assertThat(KafkaProbe.header(record, DeadLetterHeaders.REASON)).isNull();
        assertThat(KafkaProbe.header(record, DeadLetterHeaders.CATEGORY)).isNull();

        Run again = fanout("dlq", "redrive", "order-service.shipments.v1.dlq", "--key", key);
        assertThat(again.out()).contains("redrove 0, skipped 1 already redriven");
        assertThat(fanout("dlq", "show", "order-service.shipments.v1.dlq", "--key", key).out()).contains("REDRIVEN");
        assertThat(kafka.awaitKey(Topics.SHIPMENTS, key, 1, Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void replayRefusesWhileTheGroupIsLiveThenMovesItsOffsets() {
        String group = "billing-service-opstest-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer())) {
            member.subscribe(List.of(Topics.ORDERS));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            member.commitSync();

            Run refused = fanout("replay", "billing-service", "--group", group, "--to-earliest");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("has 1 live member(s)").contains("Stop billing-service first");
        }

        Run lagBefore = fanout("lag", "--group", group);
        assertThat(lagBefore.out()).contains(group).contains("caught up");

        Run replayed = fanout("replay", "billing-service", "--group", group, "--to-earliest");
        assertThat(replayed.status()).isZero();
        assertThat(replayed.out()).contains("moved " + group);
        Run lagAfter = fanout("lag", "--group", group);
        assertThat(lagAfter.out()).contains("oldest");

        Run forward = fanout("replay", "billing-service", "--group", group, "--to-datetime",
                Instant.now().plusSeconds(3600).toString());
        assertThat(forward.status()).isZero();
        assertThat(fanout("lag", "--group", group).out()).contains("caught up");
    }
}
