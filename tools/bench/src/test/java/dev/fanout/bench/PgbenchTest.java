package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PgbenchTest {

    @Test
    void readsTheSummaryOfPgbench15() {
        String output = """
                pgbench (15.20 (Debian 15.20-0+deb12u1))
                transaction type: /tmp/order.sql
                scaling factor: 1
                query mode: simple
                number of clients: 16
                number of threads: 16
                maximum number of tries: 1
                duration: 20 s
                number of transactions actually processed: 23456
                number of failed transactions: 0 (0.000%)
                latency average = 13.642 ms
                initial connection time = 40.210 ms
                tps = 1172.512345 (without initial connection time)
                """;
        Pgbench.Result r = Pgbench.parseSummary(output, new Histogram(3), "pgbench ...");
        assertThat(r.tps()).isEqualTo(1172.512345);
        assertThat(r.transactions()).isEqualTo(23456);
        assertThat(r.failed()).isZero();
        assertThat(r.latencyAverageMs()).isEqualTo(13.642);
    }

    @Test
    void perTransactionLogGivesPercentiles() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        Pgbench.readLog(List.of("0 0 1200 0 1700000000 123456", "0 1 800 0 1700000000 223456",
                "1 0 failed 0 1700000000 323456", "", "3 7 50000 0 1700000001 1"), h);
        assertThat(h.getTotalCount()).isEqualTo(3);
        assertThat(h.getMaxValue()).isBetween(49_950L, 50_050L); // 3 significant digits
        assertThat(h.getValueAtPercentile(50)).isBetween(1_199L, 1_201L);
    }

    @Test
    void theScriptIsOneTransactionWithTheFourInserts() {
        String script = Pgbench.SCRIPT;
        assertThat(script).contains("BEGIN;", "END;", "\\gset", "INSERT INTO bench.customer_order",
                "INSERT INTO bench.order_line", "INSERT INTO bench.idempotency_key", "INSERT INTO bench.outbox_event");
        assertThat(script).doesNotContain("INSERT INTO orders.");
    }
}
