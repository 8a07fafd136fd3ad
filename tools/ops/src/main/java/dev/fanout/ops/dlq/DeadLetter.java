package dev.fanout.ops.dlq;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.ops.cluster.Records;

/** One record of a dead-letter topic, with what its headers say about it. */
public record DeadLetter(String dlqTopic, int partition, long offset, String key, String eventType, String eventId,
        String category, String reason, String attempts, String failedAt, String consumer, String sourceTopic,
        String sourcePartition, String sourceOffset, ConsumerRecord<byte[], byte[]> record) {

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                Records.header(record, CloudEventHeaders.TYPE), Records.header(record, CloudEventHeaders.ID),
                Records.header(record, DeadLetterHeaders.CATEGORY), Records.header(record, DeadLetterHeaders.REASON),
                Records.header(record, DeadLetterHeaders.ATTEMPTS), Records.header(record, DeadLetterHeaders.FAILED_AT),
                Records.header(record, DeadLetterHeaders.CONSUMER),
                Records.header(record, DeadLetterHeaders.SOURCE_TOPIC),
                Records.header(record, DeadLetterHeaders.SOURCE_PARTITION),
                Records.header(record, DeadLetterHeaders.SOURCE_OFFSET), record);
    }

    /** The ledger key: where in the DLQ this record is. */
    public String ledgerKey() {
        return dlqTopic + "/" + partition + "/" + offset;
    }

    /** The consumer group the record is redriven for ({@code billing-service} of {@code billing-service/orders.v1}). */
    public String group() {
        if (consumer == null) {
            return null;
        }
        int slash = consumer.lastIndexOf('/');
        return slash < 0 ? consumer : consumer.substring(0, slash);
    }

    public String body(int max) {
        if (record.value() == null) {
            return "(null)";
        }
        // poison is often not text: show printable characters, a dot for anything else
        String text = new String(record.value(), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .replaceAll("[^\\x20-\\x7E\\u00A0-\\uFFFC]|\\uFFFD", ".");
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
