package dev.fanout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Every knob of a run; {@code --quick} changes the defaults, an explicit flag always wins. */
final class Settings {

    static final List<String> PHASES = List.of("intake", "reads", "sustained", "decoupling", "startup");

    @Option(names = "--quick", description = "short durations for a smoke run (numbers not representative)")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "PHASE",
            description = "run only these phases: intake, reads, sustained, decoupling, startup (default: all)")
    List<String> only;

    @Option(names = "--platform-warmup", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "once, before the first measured phase: the whole order journey at "
                    + "--platform-warmup-rate, then wait until quiet, so that the services' consumers are compiled "
                    + "(JIT) too, not only the measured endpoints; 0 disables it; default 4m, quick 10s "
                    + "(not run when only startup is selected)")
    Duration platformWarmup;

    @Option(names = "--platform-warmup-rate", paramLabel = "RATE",
            description = "orders/s of the platform warm-up (open model, the order mix); default 8")
    Double platformWarmupRate;

    @Option(names = "--warmup", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "warm-up before each measured endpoint (JIT); default 10s, quick 2s")
    Duration warmup;

    @Option(names = "--intake-concurrency", description = "POST /orders workers (closed model); default 16")
    Integer intakeConcurrency;

    @Option(names = "--intake-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "default 20s, quick 5s")
    Duration intakeDuration;

    @Option(names = "--reads-concurrency", description = "GET /orders/{id} and GET /ping workers; default 32")
    Integer readsConcurrency;

    @Option(names = "--reads-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "default 20s, quick 5s")
    Duration readsDuration;

    @Option(names = "--redis-requests", description = "redis-benchmark -n; default 200000, quick 20000")
    Integer redisRequests;

    @Option(names = "--steps", split = ",", paramLabel = "RATE",
            description = "sustained: orders/s of each step; default 5,10,20,40,80,160,320,500, quick 5,20")
    List<Double> steps;

    @Option(names = "--step-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "default 30s, quick 5s")
    Duration stepDuration;

    @Option(names = "--drain-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long after a step its orders may take to be terminal and the lag to clear; "
                    + "default 60s, quick 30s")
    Duration drainTimeout;

    @Option(names = "--max-drain", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "a step is sustained only if it drained within this (a system that keeps up drains in "
                    + "about a journey time plus an offset commit); default 10s")
    Duration maxDrain;

    @Option(names = "--lag-bound", description = "consumer lag (records, all live groups) counted as drained; "
            + "default 0")
    Long lagBound;

    @Option(names = "--journey-rate", description = "orders/s for the journey percentiles; default 200 (or the "
            + "highest sustained step if lower)")
    Double journeyRate;

    @Option(names = "--journey-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "default 30s, quick 5s")
    Duration journeyDuration;

    @Option(names = "--startup-runs", description = "launches per service (median reported); default 3, quick 1")
    Integer startupRuns;

    @Option(names = "--decoupling-rate", description = "orders/s in each decoupling phase; default 20, or the "
            + "highest sustained step if lower (half the lowest step if none was sustained)")
    Double decouplingRate;

    @Option(names = "--decoupling-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "each of the three phases; default 30s, quick 5s")
    Duration decouplingDuration;

    @Option(names = "--slow-latency", description = "FANOUT_FULFILMENT_EXTRA_LATENCY of the slowed fulfilment; "
            + "default 500ms")
    String slowLatency;

    @Option(names = "--recovery-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long fulfilment may take to catch up after the decoupling phases; default 300s")
    Duration recoveryTimeout;

    @Option(names = "--settle-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "wait at most this for an earlier backlog to clear before measuring; default 300s, "
                    + "quick 60s")
    Duration settleTimeout;

    @Option(names = "--decline-share", description = "share of orders from decline-* customers; default 0.03")
    Double declineShare;

    @Option(names = "--max-outstanding", description = "open model: most requests in flight; default 2000")
    Integer maxOutstanding;

    @Option(names = "--jfr", description = "after the journey, one more pass at the same rate with JDK Flight Recorder "
            + "on every service (jcmd); the report gets where each service's CPU samples land. Recordings in "
            + ".fanout/dev/bench/")
    boolean jfr;

    @Option(names = "--client", description = "the driver's HTTP client: raw (default: small blocking HTTP/1.1, "
            + "cheap on CPU) or jdk (java.net.http.HttpClient, asynchronous; about four times the CPU per request)")
    Load.Client client;

    @Option(names = "--out", paramLabel = "FILE", description = "report file (relative to the checkout); default "
            + "docs/benchmarks.md")
    String out;

    @Option(names = "--no-write", description = "print the results, do not touch the report file")
    boolean noWrite;

    // resolved values

    Duration platformWarmup() {
        return or(platformWarmup, quick ? Duration.ofSeconds(10) : Duration.ofMinutes(4));
    }

    double platformWarmupRate() {
        return or(platformWarmupRate, 8.0);
    }

    /**
     * Whether a selected phase measures the running services (all but startup, which launches fresh JVMs): only
     * then is there something for the platform warm-up to warm.
     */
    boolean measuresRunningServices() {
        return phases().stream().anyMatch(p -> !p.equals("startup"));
    }

    Duration warmup() {
        return or(warmup, Duration.ofSeconds(quick ? 2 : 10));
    }

    int intakeConcurrency() {
        return or(intakeConcurrency, 16);
    }

    Duration intakeDuration() {
        return or(intakeDuration, Duration.ofSeconds(quick ? 5 : 20));
    }

    int readsConcurrency() {
        return or(readsConcurrency, 32);
    }

    Duration readsDuration() {
        return or(readsDuration, Duration.ofSeconds(quick ? 5 : 20));
    }

    int redisRequests() {
        return or(redisRequests, quick ? 20_000 : 200_000);
    }

    List<Double> steps() {
        List<Double> s = or(steps, quick ? List.of(5.0, 20.0) : List.of(5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 500.0));
        List<Double> sorted = new ArrayList<>(s);
        sorted.sort(Double::compare);
        return sorted;
    }

    Duration stepDuration() {
        return or(stepDuration, Duration.ofSeconds(quick ? 5 : 30));
    }

    Duration drainTimeout() {
        return or(drainTimeout, Duration.ofSeconds(quick ? 30 : 60));
    }

    Duration maxDrain() {
        return or(maxDrain, Duration.ofSeconds(10));
    }

    long lagBound() {
        return or(lagBound, 0L);
    }

    double journeyRate() {
        return or(journeyRate, 200.0);
    }

    Duration journeyDuration() {
        return or(journeyDuration, Duration.ofSeconds(quick ? 5 : 30));
    }

    int startupRuns() {
        return or(startupRuns, quick ? 1 : 3);
    }

    double decouplingRate() {
        return or(decouplingRate, 20.0);
    }

    Duration decouplingDuration() {
        return or(decouplingDuration, Duration.ofSeconds(quick ? 5 : 30));
    }

    String slowLatency() {
        return or(slowLatency, "500ms");
    }

    Duration recoveryTimeout() {
        return or(recoveryTimeout, Duration.ofSeconds(300));
    }

    Duration settleTimeout() {
        return or(settleTimeout, Duration.ofSeconds(quick ? 60 : 300));
    }

    double declineShare() {
        return or(declineShare, 0.03);
    }

    int maxOutstanding() {
        return or(maxOutstanding, 2000);
    }

    Load.Client client() {
        return or(client, Load.Client.RAW);
    }

    String out() {
        return or(out, "docs/benchmarks.md");
    }

    Set<String> phases() {
        if (only == null || only.isEmpty()) {
            return new LinkedHashSet<>(PHASES);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String phase : only) {
            String p = phase.strip().toLowerCase(Locale.ROOT);
            if (!PHASES.contains(p)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown phase '" + phase
                        + "' in --only; phases: " + String.join(",", PHASES));
            }
            chosen.add(p);
        }
        // always in the order of a full run
        Set<String> ordered = new LinkedHashSet<>();
        PHASES.stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }

    void validate() {
        phases();
        if (intakeConcurrency() < 1 || readsConcurrency() < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (steps().isEmpty() || steps().stream().anyMatch(r -> !(r > 0))) {
            throw new IllegalArgumentException("--steps must be positive rates");
        }
        if (platformWarmup().isNegative()) {
            throw new IllegalArgumentException("--platform-warmup must not be negative");
        }
        if (!(journeyRate() > 0) || !(decouplingRate() > 0) || !(platformWarmupRate() > 0)) {
            throw new IllegalArgumentException("rates must be positive");
        }
        if (startupRuns() < 1) {
            throw new IllegalArgumentException("--startup-runs must be at least 1");
        }
        if (declineShare() < 0 || declineShare() > 1) {
            throw new IllegalArgumentException("--decline-share must be within 0..1");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h}, a plain number of seconds, or ISO-8601 ({@code PT20S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }

        static Duration parse(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
                }
                char unit = v.charAt(v.length() - 1);
                if (Character.isDigit(unit)) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                }
                double amount = Double.parseDouble(v.substring(0, v.length() - 1).strip());
                return switch (unit) {
                    case 's' -> Duration.ofMillis(Math.round(amount * 1000));
                    case 'm' -> Duration.ofMillis(Math.round(amount * 60_000));
                    case 'h' -> Duration.ofMillis(Math.round(amount * 3_600_000));
                    default -> throw new IllegalArgumentException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 20s, 500ms, "
                        + "2m)");
            }
        }
    }
}
