package dev.fanout.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/** Everything one run measured, filled phase by phase, rendered by {@link Report}. */
final class Results {

    // ---- the run ----
    Instant startedAt;
    Instant finishedAt;
    String command;
    boolean quick;
    Load.Client client;
    List<String> phases = new ArrayList<>();
    final Map<String, String> machine = new LinkedHashMap<>();
    String loadAtStart;
    String loadAtEnd;
    String settle;
    final List<String> notes = new ArrayList<>();
    final Map<String, Machine.Usage> cpu = new LinkedHashMap<>();
    final Map<String, Long> rssUnderLoad = new LinkedHashMap<>();

    // ---- platform warm-up (before the first measured phase) ----
    /** What the warm-up did; null when it did not run ({@link #platformWarmupSkipped} says why, if it matters). */
    PlatformWarmup platformWarmup;
    String platformWarmupSkipped;

    record PlatformWarmup(Duration duration, double rate, Load.Result post, Backlog.Drain drain) {
    }

    // ---- intake ----
    Load.Result intake;
    int intakeConcurrency;
    Double intakeServerMeanMs;
    Double intakePoolWaitMeanMs;
    Double intakePgQueryMeanMs;
    Double intakePgQueriesPerPost;
    Pgbench.Result pgbench;
    String pgbenchMissing;
    Duration intakeDrain;

    // ---- hot reads ----
    Load.Result reads;
    Load.Result ping;
    int readsConcurrency;
    int seededIds;
    double cacheHitRatio = Double.NaN;
    long orderJsonBytes;
    RedisBenchmarkCsv.Row redis;
    String redisCommand;
    String redisMissing;

    // ---- sustained ----
    final List<Step> steps = new ArrayList<>();
    Double sustainedRate;
    Journey journey;

    record Step(double rate, Load.Result post, Backlog.Drain drain, long maxLagDuring, Map<String, Long> lagAtEnd,
            Histo confirmed, Histo shipped, boolean passed, String why) {
    }

    /** Percentiles from the services' own histogram (delta of two scrapes), in ms. */
    record Histo(long count, double p50Ms, double p99Ms) {
    }

    record Journey(double rate, String why, Load.Result post, Backlog.Drain drain, Histo confirmed, Histo shipped,
            Histo rejected) {
    }

    // ---- JFR pass ----
    double profileRate;
    Load.Result profilePost;
    final List<Profiles.Summary> profiles = new ArrayList<>();
    String profileProblem;

    // ---- per service ----
    record Launch(long readyMillis, OptionalLong rssMiB) {
    }

    final Map<String, List<Launch>> startup = new LinkedHashMap<>();

    // ---- decoupling ----
    record Phase(String name, Load.Result post, long fulfilmentLagAfter) {
    }

    final List<Phase> decoupling = new ArrayList<>();
    Backlog.Drain recovery;
    Duration recoveryFromLaunch;
    Duration recoveryReadyAfter;
    String slowLatency;
    String decouplingRateWhy;
    List<UUID> recoveryStuck = List.of();

    // ---- dead letters written during the run ----
    List<Backlog.DeadLetter> deadLetters;
}
