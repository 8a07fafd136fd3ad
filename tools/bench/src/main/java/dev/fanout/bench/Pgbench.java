package dev.fanout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * The intake baseline: PostgreSQL doing what one {@code POST /orders} makes it do, and nothing else. A scratch
 * schema {@code bench} with copies of order-service's four tables; one transaction per order inserting the order,
 * two lines, an idempotency key and an outbox row with a JSON payload the size of a real {@code OrderPlaced}.
 */
public final class Pgbench {

    public static final String SCHEMA = "bench";

    /** What pgbench printed and what its per-transaction log says. */
    public record Result(double tps, long transactions, long failed, double latencyAverageMs, Histogram latencyMicros,
            String command) {
    }

    private Pgbench() {
    }

    static final String SCRIPT = """
            -- one order as order-service writes it: order, 2 lines, idempotency key, outbox row; one transaction
            \\set cust random(1, 5000)
            BEGIN;
            INSERT INTO bench.customer_order (id, customer_id, status, currency, total, placed_at, updated_at, version) VALUES ((lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid, 'cust-' || :cust, 'PENDING', 'GBP', 33.99, now(), now(), 0) RETURNING id AS oid \\gset
            INSERT INTO bench.order_line (order_id, line_no, sku, quantity, unit_price) VALUES (':oid', 1, 'BOOK-0001', 2, 12.50), (':oid', 2, 'MUG-0042', 1, 8.99);
            INSERT INTO bench.idempotency_key (key, request_hash, order_id, created_at) VALUES (gen_random_uuid()::text, md5(':oid' || clock_timestamp()), ':oid', now());
            INSERT INTO bench.outbox_event (event_id, event_type, topic, message_key, source, subject, occurred_at, payload) VALUES (gen_random_uuid(), 'fanout.order.placed.v1', 'orders.v1', ':oid', '/fanout/order-service', ':oid', now(), '{"orderId":"' || ':oid' || '","customerId":"cust-' || :cust || '","currency":"GBP","lines":[{"sku":"BOOK-0001","quantity":2,"unitPrice":12.50},{"sku":"MUG-0042","quantity":1,"unitPrice":8.99}],"total":33.99,"placedAt":"' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"}');
            END;
            """;

    /** The scratch schema: copies of the four tables (indexes, defaults, checks) and the two foreign keys. */
    public static void createSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : List.of("customer_order", "order_line", "idempotency_key", "outbox_event")) {
                st.execute("CREATE TABLE " + SCHEMA + "." + table + " (LIKE orders." + table + " INCLUDING ALL)");
            }
            // LIKE copies the default nextval('orders.outbox_event_id_seq'): give the copy its own sequence
            st.execute("CREATE SEQUENCE " + SCHEMA + ".outbox_event_id_seq OWNED BY " + SCHEMA + ".outbox_event.id");
            st.execute("ALTER TABLE " + SCHEMA + ".outbox_event ALTER COLUMN id SET DEFAULT nextval('" + SCHEMA
                    + ".outbox_event_id_seq')");
            st.execute("ALTER TABLE " + SCHEMA + ".order_line ADD FOREIGN KEY (order_id) REFERENCES " + SCHEMA
                    + ".customer_order (id) ON DELETE CASCADE");
            st.execute("ALTER TABLE " + SCHEMA + ".idempotency_key ADD FOREIGN KEY (order_id) REFERENCES " + SCHEMA
                    + ".customer_order (id)");
        }
    }

    public static void dropSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** Runs {@code pgbench -n -c C -j C -T D -h 127.0.0.1 -U postgres -f script database}, logging each transaction. */
    public static Result run(int concurrency, Duration duration, String host, int port, String user, String database)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fanout-pgbench");
        try {
            Path script = dir.resolve("order.sql");
            Files.writeString(script, SCRIPT);
            Path logPrefix = dir.resolve("tx");
            List<String> command = List.of("pgbench", "-n", "-c", Integer.toString(concurrency), "-j",
                    Integer.toString(concurrency), "-T", Long.toString(Math.max(1, duration.toSeconds())), "-h", host,
                    "-p", Integer.toString(port), "-U", user, "-l", "--log-prefix=" + logPrefix, "-f",
                    script.toString(), database);
            Proc.Output out = Proc.run(command, dir, duration.plusSeconds(60));
            if (out.exitCode() != 0) {
                throw new IOException("pgbench failed (exit " + out.exitCode() + "): " + Proc.tail(out.text(), 15));
            }
            Histogram latencies = new Histogram(3_600_000_000L, 3);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path log : files.filter(p -> p.getFileName().toString().startsWith("tx.")).toList()) {
                    readLog(Files.readAllLines(log, StandardCharsets.UTF_8), latencies);
                }
            }
            String shown = String.join(" ", command).replace(dir.toString(), "$TMP");
            return parseSummary(out.text(), latencies, shown);
        } finally {
            deleteTree(dir);
        }
    }

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern PROCESSED = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");

    /** pgbench's summary: tps (without initial connection time), transactions, failures, average latency. */
    public static Result parseSummary(String output, Histogram latencies, String command) {
        double tps = find(TPS, output).orElseThrow(() -> new IllegalStateException("no 'tps =' in pgbench output: "
                + Proc.tail(output, 10)));
        long processed = (long) find(PROCESSED, output).orElse(0);
        long failed = (long) find(FAILED, output).orElse(0);
        double average = find(LATENCY, output).orElse(Double.NaN);
        return new Result(tps, processed, failed, average, latencies, command);
    }

    /** Lines of {@code pgbench -l}: {@code client_id transaction_no time_us script_no epoch epoch_us ...}. */
    public static void readLog(List<String> lines, Histogram into) {
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 3) {
                continue;
            }
            try {
                long micros = Long.parseLong(fields[2]);
                if (micros >= 0) {
                    into.recordValue(Math.min(micros, into.getHighestTrackableValue()));
                }
            } catch (NumberFormatException e) {
                // "failed" or "skipped" transactions carry no latency
            }
        }
    }

    private static OptionalDouble find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(paths);
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
