package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RedisBenchmarkCsvTest {

    @Test
    void redis7CsvWithLatencies() {
        Map<String, RedisBenchmarkCsv.Row> rows = RedisBenchmarkCsv.parse("""
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "SET","81967.21","0.317","0.088","0.295","0.503","0.679","2.215"
                "GET","86956.52","0.297","0.080","0.279","0.463","0.615","1.271"
                """);
        assertThat(rows).containsOnlyKeys("SET", "GET");
        RedisBenchmarkCsv.Row get = rows.get("GET");
        assertThat(get.rps()).isEqualTo(86956.52);
        assertThat(get.p50Ms()).hasValue(0.279);
        assertThat(get.p99Ms()).hasValue(0.615);
        assertThat(get.avgMs()).hasValue(0.297);
    }

    @Test
    void olderCsvWithoutHeaderHasOnlyRps() {
        Map<String, RedisBenchmarkCsv.Row> rows = RedisBenchmarkCsv.parse("\"PING_INLINE\",\"90090.09\"\r\n"
                + "\"GET\",\"88495.58\"\r\n");
        assertThat(rows.get("GET").rps()).isEqualTo(88495.58);
        assertThat(rows.get("GET").p99Ms()).isEmpty();
        assertThat(rows.get("PING_INLINE").rps()).isEqualTo(90090.09);
    }

    @Test
    void progressNoiseAndBlankLinesAreIgnored() {
        Map<String, RedisBenchmarkCsv.Row> rows = RedisBenchmarkCsv.parse("""

                GET: rps=0.0 (overall: nan) avg_msec=nan (overall: nan)
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "GET","1000.00","1.0","0.5","0.9","1.5","2.5","3.0"
                """);
        assertThat(rows).containsOnlyKeys("GET");
        assertThat(rows.get("GET").p99Ms()).hasValue(2.5);
    }

    @Test
    void quotedCellsMayHoldCommasAndQuotes() {
        assertThat(RedisBenchmarkCsv.cells("\"a,b\",\"say \"\"hi\"\"\",3")).containsExactly("a,b", "say \"hi\"", "3");
    }
}
