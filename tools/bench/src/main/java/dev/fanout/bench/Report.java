package dev.fanout.bench;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/** The generated part of docs/benchmarks.md (and what the run prints), from {@link Results}. */
final class Report {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private Report() {
    }

    /**
     * The file with its generated section replaced: the text between the markers is the new section, everything
     * outside them stays. Without markers the section is appended; without a file there is a minimal one.
     */
    static String splice(String existing, String section) {
        String block = BEGIN + "\n" + section.strip() + "\n" + END;
        if (existing == null || existing.isBlank()) {
            return "# Benchmarks\n\n" + block + "\n";
        }
        int begin = existing.indexOf(BEGIN);
        int end = begin < 0 ? -1 : existing.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            return existing.stripTrailing() + "\n\n" + block + "\n";
        }
        return existing.substring(0, begin) + block + existing.substring(end + END.length());
    }

    static String render(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("## Results of the last run\n\n");
        if (r.quick) {
            md.append("> **Smoke run (`--quick`)**: durations far too short to mean anything; rerun `./fanout bench` "
                    + "for numbers.\n\n");
        }
        md.append("- When: ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(r.startedAt)).append(", ").append(minutes(Duration.between(r.startedAt, r.finishedAt)))
                .append('\n');
        md.append("- Command: `").append(r.command).append("`\n");
        md.append("- Phases: ").append(String.join(", ", r.phases)).append('\n');
        md.append("- Load average (1, 5, 15 min): ").append(r.loadAtStart).append(" at the start, ")
                .append(r.loadAtEnd).append(" at the end\n");
        if (r.settle != null) {
            md.append("- Before measuring: ").append(r.settle).append('\n');
        }
        String warmup = platformWarmup(r);
        if (warmup != null) {
            md.append("- Platform warm-up: ").append(warmup).append('\n');
        }
        md.append('\n');

        targets(md, r);
        intake(md, r);
        reads(md, r);
        sustained(md, r);
        profiles(md, r);
        startup(md, r);
        decoupling(md, r);
        deadLetters(md, r);
        cpu(md, r);
        machine(md, r);
        observations(md, r);
        return md.toString();
    }

    /** What the platform warm-up did, for the header; null when it was not asked for (only startup ran). */
    static String platformWarmup(Results r) {
        Results.PlatformWarmup w = r.platformWarmup;
        if (w == null) {
            return r.platformWarmupSkipped;
        }
        Backlog.Drain d = w.drain();
        long errors = w.post().errors();
        return String.format(Locale.ROOT, "%s at %s orders/s before measuring (JIT), %d orders%s, %s",
                minutes(w.duration()), Bench.fmt(w.rate()), w.post().ok(),
                errors == 0 ? "" : " (" + errors + (errors == 1 ? " error)" : " errors)"),
                d.done() ? "drained in " + seconds(d.took())
                        : String.format(Locale.ROOT, "not drained after %s (%d of %d orders terminal, lag %d)",
                                seconds(d.took()), d.terminal(), d.total(), d.lag()));
    }

    // ------------------------------------------------------------------ targets

    record Target(String name, String measured, String verdict) {
    }

    static List<Target> targets(Results r) {
        List<Target> t = new ArrayList<>();
        if (r.intake != null) {
            if (r.pgbench != null) {
                double ratio = r.intake.throughput() / r.pgbench.tps();
                t.add(new Target("Intake at least 0.5 x the pgbench baseline (issue 9)",
                        String.format(Locale.ROOT, "%s x (%s orders/s vs %s tx/s)", ratio(ratio), rate(r.intake.throughput()),
                                rate(r.pgbench.tps())),
                        verdict(ratio >= 0.5)));
            } else {
                t.add(new Target("Intake at least 0.5 x the pgbench baseline (issue 9)", "no baseline: "
                        + r.pgbenchMissing, "n/a"));
            }
        }
        if (r.reads != null && r.ping != null) {
            double ratio = r.reads.throughput() / r.ping.throughput();
            t.add(new Target("Hot reads at least 0.5 x the HTTP floor (issue 9)",
                    String.format(Locale.ROOT, "%s x (%s reads/s vs %s pings/s)", ratio(ratio), rate(r.reads.throughput()),
                            rate(r.ping.throughput())),
                    verdict(ratio >= 0.5)));
        }
        if (!r.steps.isEmpty()) {
            double highestTried = r.steps.stream().mapToDouble(Results.Step::rate).max().orElse(0);
            String measured = r.sustainedRate == null ? "no step sustained"
                    : Bench.fmt(r.sustainedRate) + " orders/s" + (highestTried < 500 && r.steps.stream()
                            .allMatch(Results.Step::passed) ? " (highest step tried: " + Bench.fmt(highestTried) + ")"
                                    : "");
            t.add(new Target("At least 500 orders/s sustained end to end (issue 9)", measured,
                    verdict(r.sustainedRate != null && r.sustainedRate >= 500)));
        }
        if (r.journey != null) {
            Results.Histo c = r.journey.confirmed();
            boolean at200 = r.journey.rate() >= 200;
            String measured = String.format(Locale.ROOT, "p99 %s (p50 %s) at %s orders/s%s", ms(c.p99Ms()),
                    ms(c.p50Ms()), Bench.fmt(r.journey.rate()), at200 ? "" : ": 200 orders/s not sustained");
            t.add(new Target("Journey (placed -> confirmed) p99 under 250 ms at 200 orders/s (issue 9)", measured,
                    verdict(at200 && c.count() > 0 && c.p99Ms() < 250 && r.journey.drain().done())));
        }
        if (r.decoupling.size() == 3) {
            Load.Result base = r.decoupling.get(0).post();
            for (int i = 1; i < 3; i++) {
                Results.Phase p = r.decoupling.get(i);
                double change = p.post().millis(99) / base.millis(99) - 1;
                t.add(new Target("POST /orders p99 with " + p.name().replace("fulfilment-service ", "fulfilment ")
                        + " within 10 % of the baseline (issue 5)",
                        String.format(Locale.ROOT, "%+.0f %% (%s vs %s)", change * 100, ms(p.post().millis(99)),
                                ms(base.millis(99))),
                        verdict(change <= 0.10 && p.post().errors() == 0)));
            }
        }
        if (r.recovery != null) {
            t.add(new Target("After recovery fulfilment's lag returns to 0 and every order completes (issue 5)",
                    r.recovery.done() ? String.format(Locale.ROOT, "%d orders terminal, lag 0, %s after the restart",
                            r.recovery.total(), seconds(r.recoveryFromLaunch))
                            : String.format(Locale.ROOT, "%d of %d orders terminal, lag %d after %s%s",
                                    r.recovery.terminal(), r.recovery.total(), r.recovery.lag(),
                                    seconds(r.recoveryFromLaunch), stuckBecause(r)),
                    verdict(r.recovery.done())));
        }
        return t;
    }

    private static void targets(StringBuilder md, Results r) {
        List<Target> targets = targets(r);
        if (targets.isEmpty()) {
            return;
        }
        md.append("### Targets\n\n| Target | Measured | |\n|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.measured()).append(" | **").append(t.verdict())
                    .append("** |\n");
        }
        md.append('\n');
    }

    // ------------------------------------------------------------------ phases

    private static void intake(StringBuilder md, Results r) {
        if (r.intake == null) {
            return;
        }
        md.append("### Intake: `POST /orders` (closed model, ").append(r.intakeConcurrency).append(" workers, ")
                .append(seconds(r.intake.seconds())).append(")\n\n");
        md.append("| | throughput | p50 | p99 | p99.9 | max | errors |\n|---|---|---|---|---|---|---|\n");
        md.append(row("`POST /orders` (order + 2 lines + idempotency key + outbox row, then the Redis write)",
                rate(r.intake.throughput()) + " orders/s", r.intake));
        if (r.pgbench != null) {
            Histogram h = r.pgbench.latencyMicros();
            md.append("| pgbench: the same four inserts in one transaction, ").append(r.intakeConcurrency)
                    .append(" clients | ").append(rate(r.pgbench.tps())).append(" tx/s | ")
                    .append(ms(h.getValueAtPercentile(50) / 1000.0)).append(" | ")
                    .append(ms(h.getValueAtPercentile(99) / 1000.0)).append(" | ")
                    .append(ms(h.getValueAtPercentile(99.9) / 1000.0)).append(" | ").append(ms(h.getMaxValue() / 1000.0))
                    .append(" | ").append(r.pgbench.failed()).append(" |\n");
            md.append(String.format(Locale.ROOT, "| **ratio intake / pgbench** | **%s** | | | | | |%n", ratio(
                    r.intake.throughput() / r.pgbench.tps())));
        } else {
            md.append("| pgbench baseline | ").append(r.pgbenchMissing).append(" | | | | | |\n");
        }
        md.append('\n');
        List<String> notes = new ArrayList<>();
        if (r.intakeServerMeanMs != null) {
            notes.add("order-service's own mean time per POST (`http_server_requests_seconds`): "
                    + ms(r.intakeServerMeanMs));
        }
        if (r.intakePoolWaitMeanMs != null) {
            notes.add("mean wait for a PostgreSQL connection (`postgresql_queue_delay_seconds`): "
                    + ms(r.intakePoolWaitMeanMs));
        }
        if (r.intakePgQueryMeanMs != null && r.intakePgQueriesPerPost != null) {
            notes.add(String.format(Locale.ROOT, "order-service's PostgreSQL statements (`postgresql_processing_seconds`,"
                    + " its saga consumers' included): %.1f per order placed, %s each on average", r.intakePgQueriesPerPost,
                    ms(r.intakePgQueryMeanMs)));
        }
        if (r.intakeDrain != null) {
            notes.add("the consumers needed " + seconds(r.intakeDrain) + " after the intake to make every order "
                    + "terminal");
        }
        if (r.pgbench != null) {
            notes.add("baseline command: `" + r.pgbench.command() + "` (script in `tools/bench/src/main/java/dev/"
                    + "fanout/bench/Pgbench.java`, scratch schema `bench` dropped afterwards)");
        }
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
    }

    private static void reads(StringBuilder md, Results r) {
        if (r.reads == null) {
            return;
        }
        md.append("### Hot reads: `GET /orders/{id}` (closed model, ").append(r.readsConcurrency).append(" workers, ")
                .append(seconds(r.reads.seconds())).append(", ").append(r.seededIds).append(" orders)\n\n");
        md.append("| | throughput | p50 | p99 | p99.9 | max | errors |\n|---|---|---|---|---|---|---|\n");
        md.append(row(String.format(Locale.ROOT, "`GET /orders/{id}` (%.1f %% from Redis, %d B of JSON)",
                r.cacheHitRatio * 100, r.orderJsonBytes), rate(r.reads.throughput()) + " reads/s", r.reads));
        if (r.ping != null) {
            md.append(row("HTTP floor: `GET /ping` of order-service", rate(r.ping.throughput()) + " req/s", r.ping));
        }
        if (r.redis != null) {
            md.append("| redis-benchmark `GET`, ").append(r.readsConcurrency).append(" clients, ")
                    .append(r.orderJsonBytes).append(" B values | ").append(rate(r.redis.rps())).append(" rps | ")
                    .append(r.redis.p50Ms().isPresent() ? ms(r.redis.p50Ms().getAsDouble()) : "-").append(" | ")
                    .append(r.redis.p99Ms().isPresent() ? ms(r.redis.p99Ms().getAsDouble()) : "-")
                    .append(" | | | |\n");
        } else if (r.redisMissing != null) {
            md.append("| redis-benchmark baseline | ").append(r.redisMissing).append(" | | | | | |\n");
        }
        if (r.ping != null) {
            md.append(String.format(Locale.ROOT, "| **ratio reads / HTTP floor** | **%s** | | | | | |%n", ratio(
                    r.reads.throughput() / r.ping.throughput())));
        }
        if (r.redis != null) {
            md.append(String.format(Locale.ROOT, "| **ratio reads / redis-benchmark** | **%s** | | | | | |%n", ratio(
                    r.reads.throughput() / r.redis.rps())));
        }
        md.append('\n');
        if (r.redisCommand != null) {
            md.append("- baseline command: `").append(r.redisCommand).append("` (SET fills the key so that GET "
                    + "returns a value of an order's size; database 15, the key is deleted afterwards)\n\n");
        }
    }

    private static void sustained(StringBuilder md, Results r) {
        if (r.steps.isEmpty()) {
            return;
        }
        md.append("### Sustained end to end (open model, fixed arrival rate per step)\n\n");
        md.append("A step passes when under 0.1 % of POSTs fail, at least 95 % of the rate was accepted, every "
                + "order of the step is SHIPPED or REJECTED and the lag of every live consumer group is back to the "
                + "bound within the drain timeout, and draining took no longer than the max-drain (a system that keeps "
                + "up drains in about a journey plus an offset commit; one that falls behind needs its backlog's "
                + "worth). POST latency is from each request's intended send time.\n\n");
        md.append("| orders/s | accepted/s | POST p50 | POST p99 | errors | max lag | drained in | placed -> "
                + "confirmed p50 / p99 | confirmed -> shipped p50 / p99 | Fanout CPU | CPU per order | |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.Step s : r.steps) {
            Load.Result p = s.post();
            md.append("| ").append(Bench.fmt(s.rate())).append(" | ").append(rate(p.ok() / p.seconds())).append(" | ")
                    .append(ms(p.millis(50))).append(" | ").append(ms(p.millis(99))).append(" | ").append(p.errors())
                    .append(" | ").append(s.maxLagDuring()).append(" | ")
                    .append(s.drain().done() ? seconds(s.drain().took()) : "not within " + seconds(s.drain().took()))
                    .append(" | ").append(ms(s.confirmed().p50Ms())).append(" / ").append(ms(s.confirmed().p99Ms()))
                    .append(" | ").append(ms(s.shipped().p50Ms())).append(" / ").append(ms(s.shipped().p99Ms()))
                    .append(" | ").append(fanoutCpu(r.cpu.get("sustained " + Bench.fmt(s.rate()) + "/s"), p))
                    .append(" | ").append(s.passed() ? "sustained" : "**not sustained**: " + s.why()).append(" |\n");
        }
        md.append('\n');
        md.append("Sustained rate: **").append(r.sustainedRate == null ? "none of the steps"
                : Bench.fmt(r.sustainedRate) + " orders/s").append("**.\n\n");
        if (r.journey != null) {
            Results.Journey j = r.journey;
            md.append("Journey from order-service's own histogram (`fanout_order_journey_seconds_bucket`, difference "
                    + "between a scrape before and one after the orders drained; bucket-interpolated like "
                    + "`histogram_quantile`), at ").append(Bench.fmt(j.rate())).append(" orders/s for ")
                    .append(seconds(j.post().seconds())).append(" (").append(j.why()).append("):\n\n");
            md.append("| stage | orders | p50 | p99 |\n|---|---|---|---|\n");
            md.append(histo("placed -> confirmed", j.confirmed()));
            md.append(histo("placed -> rejected", j.rejected()));
            md.append(histo("confirmed -> shipped", j.shipped()));
            md.append(String.format(Locale.ROOT, "%n- POST during the journey run: p50 %s, p99 %s, %d errors; %s%n%n",
                    ms(j.post().millis(50)), ms(j.post().millis(99)), j.post().errors(),
                    j.drain().done() ? "every order terminal " + seconds(j.drain().took()) + " after the last POST"
                            : j.drain().terminal() + " of " + j.drain().total() + " orders terminal after "
                                    + seconds(j.drain().took())));
        }
    }

    /** Groups that are the platform (not the driver, not other processes, not idle). */
    static double fanoutShare(Machine.Usage usage) {
        return usage.shares().entrySet().stream().filter(e -> !e.getKey().equals(Machine.SELF)
                && !e.getKey().equals(Machine.OTHER) && !e.getKey().equals(Machine.IDLE))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** "150 % | 75 ms": the platform's CPU during a step, and per order accepted. */
    private static String fanoutCpu(Machine.Usage usage, Load.Result post) {
        if (usage == null || post.ok() == 0) {
            return "- | -";
        }
        double share = fanoutShare(usage);
        double perOrderMs = share / 100.0 * 1000.0 / (post.ok() / post.seconds());
        return pct(share) + " | " + ms(perOrderMs);
    }

    private static void profiles(StringBuilder md, Results r) {
        if (r.profiles.isEmpty() && r.profileProblem == null) {
            return;
        }
        md.append("### Where each service's CPU went (JDK Flight Recorder)\n\n");
        if (r.profileProblem != null) {
            md.append("- ").append(r.profileProblem).append("\n\n");
        }
        if (r.profiles.isEmpty()) {
            return;
        }
        md.append("One more pass at ").append(Bench.fmt(r.profileRate)).append(" orders/s for ")
                .append(seconds(r.profilePost.seconds())).append(" with `jcmd <pid> JFR.start settings=profile` on "
                        + "every service (recordings in `.fanout/dev/bench/`). CPU samples by component: the library "
                        + "of the first frame from the top that is not the JDK's, in % of that service's samples.\n\n");
        java.util.Map<String, Long> total = new java.util.HashMap<>();
        r.profiles.forEach(p -> p.byComponent().forEach((c, n) -> {
            if (!c.equals("(everything else)")) {
                total.merge(c, n * 1_000_000 / Math.max(1, p.samples()), Long::sum);
            }
        }));
        List<String> components = total.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(14).map(Map.Entry::getKey).toList();
        md.append("| component |");
        r.profiles.forEach(p -> md.append(' ').append(shortName(p.service())).append(" |"));
        md.append("\n|---|");
        r.profiles.forEach(p -> md.append("---|"));
        md.append('\n');
        for (String c : components) {
            md.append("| ").append(c).append(" |");
            for (Profiles.Summary p : r.profiles) {
                Long n = p.byComponent().get(c);
                md.append(' ').append(n == null ? "-" : pct(100.0 * n / Math.max(1, p.samples()))).append(" |");
            }
            md.append('\n');
        }
        md.append("| *samples* |");
        r.profiles.forEach(p -> md.append(' ').append(p.samples()).append(" |"));
        md.append("\n| *GC pauses* |");
        r.profiles.forEach(p -> md.append(' ').append(String.format(Locale.ROOT, "%d ms (%.1f %%)",
                p.gcPauses().toMillis(), p.seconds() > 0 ? p.gcPauses().toMillis() / 10.0 / p.seconds() : 0))
                .append(" |"));
        md.append("\n\nHottest methods (top frame) per service:\n\n");
        for (Profiles.Summary p : r.profiles) {
            md.append("- ").append(p.service()).append(": ").append(p.topMethods().entrySet().stream()
                    .filter(e -> !e.getKey().equals("(everything else)")).limit(4)
                    .map(e -> "`" + e.getKey() + "` " + pct(100.0 * e.getValue() / Math.max(1, p.samples())))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        md.append('\n');
    }

    private static void startup(StringBuilder md, Results r) {
        if (r.startup.isEmpty()) {
            return;
        }
        int runs = r.startup.values().stream().mapToInt(List::size).max().orElse(0);
        md.append("### Per service: launch to ready, memory\n\n");
        md.append("Stopped, started with devstack's `Stack.launch` (`java -Xms64m -Xmx384m -XX:+UseSerialGC -jar "
                + "quarkus-run.jar`), timed until `/q/health/ready` answered 200 (polled every 50 ms); RSS (VmRSS) "
                + "at that moment. Median of ").append(runs).append(runs == 1 ? " launch" : " launches")
                .append(", the other stores and services running.\n\n");
        md.append("| service | launch -> ready (median) | all runs | RSS at ready (median) | RSS after the sustained test |\n");
        md.append("|---|---|---|---|---|\n");
        r.startup.forEach((service, launches) -> {
            List<Long> ready = launches.stream().map(Results.Launch::readyMillis).sorted().toList();
            List<Long> rss = launches.stream().map(Results.Launch::rssMiB).filter(OptionalLong::isPresent)
                    .map(OptionalLong::getAsLong).sorted().toList();
            md.append("| ").append(service).append(" | ").append(secondsMs(median(ready))).append(" | ")
                    .append(launches.stream().map(l -> secondsMs(l.readyMillis())).collect(Collectors.joining(", ")))
                    .append(" | ").append(rss.isEmpty() ? "?" : median(rss) + " MiB").append(" | ")
                    .append(r.rssUnderLoad.containsKey(service) ? r.rssUnderLoad.get(service) + " MiB" : "-")
                    .append(" |\n");
        });
        md.append('\n');
    }

    private static void decoupling(StringBuilder md, Results r) {
        if (r.decoupling.isEmpty()) {
            return;
        }
        Load.Result base = r.decoupling.get(0).post();
        md.append("### Decoupling: order intake while fulfilment is stopped, then slowed (issue 5)\n\n");
        md.append("Open model, ").append(Bench.fmt(r.decoupling.get(0).post().sent() / r.decoupling.get(0).post()
                .seconds())).append(" orders/s for ").append(seconds(base.seconds()))
                .append(" per phase (").append(r.decouplingRateWhy == null ? "" : r.decouplingRateWhy)
                .append("), latency from the intended send time.\n\n");
        md.append("| phase | POST p50 | POST p99 | p99 vs baseline | max | errors | fulfilment lag after |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Results.Phase p : r.decoupling) {
            double change = p.post().millis(99) / base.millis(99) - 1;
            md.append("| ").append(p.name()).append(" | ").append(ms(p.post().millis(50))).append(" | ")
                    .append(ms(p.post().millis(99))).append(" | ")
                    .append(p == r.decoupling.get(0) ? "-" : String.format(Locale.ROOT, "%+.0f %%", change * 100))
                    .append(" | ").append(ms(p.post().maxMillis())).append(" | ").append(p.post().errors())
                    .append(" | ").append(p.fulfilmentLagAfter()).append(" |\n");
        }
        md.append('\n');
        if (r.recovery != null) {
            md.append(String.format(Locale.ROOT, "Recovery: fulfilment restarted normally, ready after %s; %s.%n%n",
                    seconds(r.recoveryReadyAfter),
                    r.recovery.done() ? "its lag was 0 and all " + r.recovery.total() + " orders of the three phases "
                            + "were SHIPPED or REJECTED " + seconds(r.recoveryFromLaunch) + " after the restart"
                            : "after " + seconds(r.recoveryFromLaunch) + " only " + r.recovery.terminal() + " of "
                                    + r.recovery.total() + " orders were terminal and its lag was " + r.recovery.lag()
                                    + stuckBecause(r)));
        }
    }

    /** Why the orders that never completed did not: their events in a dead-letter topic, with the reasons. */
    static String stuckBecause(Results r) {
        if (r.recoveryStuck.isEmpty() || r.deadLetters == null) {
            return "";
        }
        java.util.Set<String> stuck = r.recoveryStuck.stream().map(Object::toString)
                .collect(Collectors.toSet());
        List<Backlog.DeadLetter> theirs = r.deadLetters.stream().filter(d -> stuck.contains(d.key())).toList();
        if (theirs.isEmpty()) {
            return "";
        }
        long orders = theirs.stream().map(Backlog.DeadLetter::key).distinct().count();
        String reasons = theirs.stream().map(d -> d.topic() + ": " + d.reason()).distinct()
                .collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "; %d of the %d unfinished orders have an event in a dead-letter topic (%s)",
                orders, r.recoveryStuck.size(), reasons);
    }

    private static void deadLetters(StringBuilder md, Results r) {
        if (r.deadLetters == null) {
            return;
        }
        md.append("### Dead letters written during the run\n\n");
        if (r.deadLetters.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| dead-letter topic | event type | reason | records |\n|---|---|---|---|\n");
        Map<List<String>, Long> groups = r.deadLetters.stream().collect(Collectors.groupingBy(
                d -> List.of(d.topic(), String.valueOf(d.eventType()), String.valueOf(d.reason())),
                java.util.LinkedHashMap::new, Collectors.counting()));
        groups.forEach((k, n) -> md.append("| ").append(k.get(0)).append(" | ").append(k.get(1)).append(" | ")
                .append(k.get(2).replace("|", "\\|")).append(" | ").append(n).append(" |\n"));
        md.append("\nThe orders they belong to wait for `./fanout dlq redrive <topic> --all` (see "
                + "[failure-policy.md](failure-policy.md)).\n\n");
    }

    private static void cpu(StringBuilder md, Results r) {
        if (r.cpu.isEmpty()) {
            return;
        }
        List<String> groups = new ArrayList<>(r.cpu.values().iterator().next().shares().keySet());
        int cores = r.cpu.values().iterator().next().cores();
        md.append("### Where the CPU went\n\n");
        md.append("CPU time per process (from `/proc/<pid>/stat`) during each measurement, in % of one core (")
                .append(cores).append(" cores = ").append(cores * 100).append(" %). \"of which JIT\" is the part of "
                        + "the five services' CPU their JIT compiler threads used (`C1`/`C2 CompilerThread`, from "
                        + "`/proc/<pid>/task/<tid>/stat`; a thread that exits during a measurement takes its time "
                        + "with it, so it may under-count): while it is high the services are still compiling, and "
                        + "what they do costs more than it will once compiled. \"postgres\" is every backend "
                        + "and the postmaster; \"bench driver\" includes pgbench and redis-benchmark; \"other "
                        + "processes\" is everything else on the machine.\n\n");
        md.append("| measurement | busy | of which JIT |");
        groups.forEach(g -> md.append(' ').append(shortName(g)).append(" |"));
        md.append("\n|---|---|---|");
        groups.forEach(g -> md.append("---|"));
        md.append('\n');
        r.cpu.forEach((phase, usage) -> {
            md.append("| ").append(phase).append(" | ").append(pct(usage.busy())).append(" | ")
                    .append(pct(usage.jit())).append(" |");
            groups.forEach(g -> md.append(' ').append(pct(usage.shares().getOrDefault(g, 0.0))).append(" |"));
            md.append('\n');
        });
        md.append('\n');
    }

    private static void machine(StringBuilder md, Results r) {
        md.append("### Machine\n\n| | |\n|---|---|\n");
        r.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|"))
                .append(" |\n"));
        md.append("| load average | ").append(r.loadAtStart).append(" (start), ").append(r.loadAtEnd)
                .append(" (end) |\n\n");
    }

    private static void observations(StringBuilder md, Results r) {
        List<String> seen = observed(r);
        if (seen.isEmpty()) {
            return;
        }
        md.append("### Observed in this run\n\n");
        seen.forEach(s -> md.append("- ").append(s).append('\n'));
        md.append('\n');
    }

    /** Plain statements drawn from the numbers: saturation, the biggest CPU users, the consumer that fell behind. */
    static List<String> observed(Results r) {
        List<String> seen = new ArrayList<>();
        r.cpu.forEach((phase, usage) -> {
            double capacity = usage.cores() * 100.0;
            List<Map.Entry<String, Double>> top = usage.shares().entrySet().stream()
                    .filter(e -> !e.getKey().equals(Machine.IDLE))
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(3).toList();
            String tops = top.stream().map(e -> e.getKey() + " " + pct(e.getValue())).collect(Collectors.joining(", "));
            seen.add(String.format(Locale.ROOT, "%s: machine %s busy of %s%s; most CPU: %s.", phase, pct(usage.busy()),
                    pct(capacity), usage.busy() >= 0.9 * capacity ? " (CPU-saturated)" : "", tops));
        });
        Results.Step firstFail = r.steps.stream().filter(s -> !s.passed()).findFirst().orElse(null);
        if (firstFail != null && !firstFail.lagAtEnd().isEmpty()) {
            Map.Entry<String, Long> worst = firstFail.lagAtEnd().entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElseThrow();
            seen.add(String.format(Locale.ROOT, "At %s orders/s the consumer group with the largest lag when the step "
                    + "ended was %s (%d records; all groups: %s).", Bench.fmt(firstFail.rate()), worst.getKey(),
                    worst.getValue(), firstFail.lagAtEnd()));
        }
        if (r.reads != null && r.cacheHitRatio < 0.99) {
            seen.add(String.format(Locale.ROOT, "Only %.1f %% of the reads came from Redis.", r.cacheHitRatio * 100));
        }
        // the highest step that kept up: there the work done during the step is the work accepted
        r.steps.stream().filter(s -> s.passed() && r.cpu.containsKey("sustained " + Bench.fmt(s.rate()) + "/s"))
                .reduce((a, b) -> b).ifPresent(s -> {
                    Machine.Usage u = r.cpu.get("sustained " + Bench.fmt(s.rate()) + "/s");
                    double share = fanoutShare(u);
                    double perOrder = share / 100.0 * 1000.0 / Math.max(1e-9, s.post().ok() / s.post().seconds());
                    seen.add(String.format(Locale.ROOT, "At the highest sustained step (%s orders/s) the platform (services, "
                            + "Kafka, PostgreSQL, Redis) used %s of the machine's %s: %s of CPU per order, so "
                            + "these %d cores could carry at most about %.0f orders/s even with nothing else running.",
                            Bench.fmt(s.rate()), pct(share), pct(u.cores() * 100.0), ms(perOrder), u.cores(),
                            u.cores() * 1000.0 / perOrder));
                });
        for (Load.Result result : allResults(r)) {
            if (result.maxSendLagNanos() > 50_000_000L) {
                seen.add(String.format(Locale.ROOT, "The driver sent some requests of \"%s\" up to %s late (the "
                        + "machine was busy); their latency counts from the intended time.", result.name(),
                        ms(result.maxSendLagNanos() / 1e6)));
            }
            if (result.firstError() != null) {
                seen.add("\"" + result.name() + "\": " + result.errors() + " errors, first: " + result.firstError());
            }
        }
        seen.addAll(r.notes);
        return seen;
    }

    private static List<Load.Result> allResults(Results r) {
        List<Load.Result> all = new ArrayList<>();
        if (r.intake != null) {
            all.add(r.intake);
        }
        if (r.reads != null) {
            all.add(r.reads);
        }
        if (r.ping != null) {
            all.add(r.ping);
        }
        r.steps.forEach(s -> all.add(s.post()));
        if (r.journey != null) {
            all.add(r.journey.post());
        }
        r.decoupling.forEach(p -> all.add(p.post()));
        return all;
    }

    // ------------------------------------------------------------------ formatting

    private static String row(String name, String throughput, Load.Result result) {
        return "| " + name + " | " + throughput + " | " + ms(result.millis(50)) + " | " + ms(result.millis(99)) + " | "
                + ms(result.millis(99.9)) + " | " + ms(result.maxMillis()) + " | " + result.errors() + " |\n";
    }

    private static String histo(String stage, Results.Histo h) {
        return "| " + stage + " | " + h.count() + " | " + ms(h.p50Ms()) + " | " + ms(h.p99Ms()) + " |\n";
    }

    /** A ratio with two significant digits at least, so that 0.004 does not print as 0.00. */
    static String ratio(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "-";
        }
        if (x >= 0.1 || x == 0) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String pct(double percent) {
        return String.format(Locale.ROOT, "%.0f %%", percent);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String seconds(Duration d) {
        return d == null ? "-" : seconds(d.toMillis() / 1000.0);
    }

    static String secondsMs(long millis) {
        return seconds(millis / 1000.0);
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    static long median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String shortName(String group) {
        return switch (group) {
            case "order-service" -> "order";
            case "billing-service" -> "billing";
            case "fulfilment-service" -> "fulfilment";
            case "notification-service" -> "notification";
            case "analytics-service" -> "analytics";
            default -> group;
        };
    }
}
