package dev.fanout.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code --csv} output of {@code redis-benchmark}. Redis 7 prints a header and
 * {@code "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"};
 * Redis 6 and older print {@code "GET","86956.52"} only, so the latencies are optional.
 */
public final class RedisBenchmarkCsv {

    public record Row(String test, double rps, OptionalDouble p50Ms, OptionalDouble p99Ms, OptionalDouble avgMs) {
    }

    private RedisBenchmarkCsv() {
    }

    /** Rows by test name in upper case ({@code GET}, {@code SET}, ...). */
    public static Map<String, Row> parse(String csv) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> header = null;
        for (String raw : csv.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.isEmpty()) {
                continue;
            }
            if (cells.get(0).equalsIgnoreCase("test")) {
                header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                continue;
            }
            if (cells.size() < 2) {
                continue;
            }
            OptionalDouble rps = number(cells.get(1));
            if (rps.isEmpty()) {
                continue;
            }
            String test = cells.get(0).toUpperCase(Locale.ROOT);
            // "GET: rps=..." style names (some versions) keep only the command
            int colon = test.indexOf(':');
            if (colon > 0) {
                test = test.substring(0, colon).strip();
            }
            rows.put(test, new Row(test, rps.getAsDouble(), column(header, cells, "p50_latency_ms"),
                    column(header, cells, "p99_latency_ms"), column(header, cells, "avg_latency_ms")));
        }
        return rows;
    }

    private static OptionalDouble column(List<String> header, List<String> cells, String name) {
        if (header == null) {
            return OptionalDouble.empty();
        }
        int index = header.indexOf(name);
        return index >= 0 && index < cells.size() ? number(cells.get(index)) : OptionalDouble.empty();
    }

    private static OptionalDouble number(String text) {
        try {
            return OptionalDouble.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Comma-separated cells, each optionally in double quotes ({@code ""} is a quote inside one). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
