package dev.fanout.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Just enough of the Prometheus text format to read the services' own metrics: samples with labels (exemplars and
 * timestamps ignored), histogram buckets, their difference between two scrapes and a quantile from the difference,
 * computed the way PromQL's {@code histogram_quantile} does (linear interpolation inside the bucket).
 */
public final class PromText {

    public record Sample(String name, Map<String, String> labels, double value) {

        public boolean matches(String metric, Map<String, String> wanted) {
            if (!name.equals(metric)) {
                return false;
            }
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private PromText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parseLine(line);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    static Sample parseLine(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (i < n && line.charAt(i) != '}') {
                while (i < n && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                    i++;
                }
                if (i < n && line.charAt(i) == '}') {
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= n || line.charAt(eq + 1) != '"') {
                    return null;
                }
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (j < n && line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < n) {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
            }
            i++; // the closing brace
        }
        String rest = i < n ? line.substring(i).strip() : "";
        int exemplar = rest.indexOf(" #");
        if (exemplar >= 0) {
            rest = rest.substring(0, exemplar).strip();
        }
        if (rest.isEmpty()) {
            return null;
        }
        String valueText = rest.split("\\s+")[0];
        try {
            return new Sample(name, labels, parseValue(valueText));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The sum of every sample of {@code metric} whose labels include {@code wanted}. */
    public static double sum(List<Sample> samples, String metric, Map<String, String> wanted) {
        return samples.stream().filter(s -> s.matches(metric, wanted)).mapToDouble(Sample::value).sum();
    }

    /**
     * The cumulative buckets ({@code le} to count) of a histogram, e.g. {@code fanout_order_journey_seconds_bucket}
     * with {@code stage=confirmed}. Series that differ in other labels are added up.
     */
    public static NavigableMap<Double, Double> buckets(List<Sample> samples, String bucketMetric,
            Map<String, String> wanted) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.matches(bucketMetric, wanted) && s.labels().containsKey("le")) {
                buckets.merge(parseValue(s.labels().get("le")), s.value(), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * {@code after - before}, bucket by bucket: what was observed between two scrapes. A bucket missing before counts
     * as 0; when the total went down the process restarted between the scrapes and {@code after} alone is returned.
     */
    public static NavigableMap<Double, Double> delta(NavigableMap<Double, Double> after,
            NavigableMap<Double, Double> before) {
        if (total(after) < total(before)) {
            return new TreeMap<>(after);
        }
        NavigableMap<Double, Double> delta = new TreeMap<>();
        after.forEach((le, count) -> delta.put(le, Math.max(0, count - before.getOrDefault(le, 0.0))));
        return delta;
    }

    /** The number of observations: the {@code +Inf} bucket (or the largest one when it is missing). */
    public static double total(NavigableMap<Double, Double> buckets) {
        if (buckets.isEmpty()) {
            return 0;
        }
        Double inf = buckets.get(Double.POSITIVE_INFINITY);
        return inf != null ? inf : buckets.lastEntry().getValue();
    }

    /**
     * The {@code q} quantile (0..1) of cumulative buckets, as PromQL's {@code histogram_quantile}: NaN without
     * observations; linear interpolation inside the bucket where the rank falls (from 0 for the first bucket); the
     * largest finite bound when it falls into {@code +Inf}.
     */
    public static double quantile(double q, NavigableMap<Double, Double> buckets) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within 0..1, got " + q);
        }
        double total = total(buckets);
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upperBound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank && count > lowerCount) {
                if (Double.isInfinite(upperBound)) {
                    return lowerBound;
                }
                return lowerBound + (upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            if (!Double.isInfinite(upperBound)) {
                lowerBound = upperBound;
            }
            lowerCount = count;
        }
        return lowerBound;
    }
}
