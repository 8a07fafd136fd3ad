package dev.fanout.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs each scenario, remembers how it went, and prints the suite's own summary at the end. */
final class FaultSummary {

    private record Outcome(String scenario, boolean passed, int ordersSoFar, Duration took, String failure) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    void run(String scenario, OrderStream orders, Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
            outcomes.add(new Outcome(scenario, true, orders.accepted().size(),
                    Duration.ofNanos(System.nanoTime() - start), null));
            System.out.printf("fault suite: PASS %s (%d orders so far)%n", scenario, orders.accepted().size());
        } catch (RuntimeException | AssertionError e) {
            outcomes.add(new Outcome(scenario, false, orders.accepted().size(),
                    Duration.ofNanos(System.nanoTime() - start), firstLine(e.getMessage())));
            System.out.printf("fault suite: FAIL %s: %s%n", scenario, firstLine(e.getMessage()));
            throw e;
        }
    }

    void print(OrderStream orders, Map<String, Long> terminal) {
        System.out.println();
        System.out.println("=== fault suite summary ===");
        for (Outcome o : outcomes) {
            System.out.printf("%-4s %-58s %6d orders  %5.0f s%s%n", o.passed() ? "PASS" : "FAIL", o.scenario(),
                    o.ordersSoFar(), o.took().toMillis() / 1000.0, o.failure() == null ? "" : "  " + o.failure());
        }
        if (orders != null) {
            Map<String, ?> accepted = orders.accepted();
            long shipped = terminal.getOrDefault("SHIPPED", 0L);
            long rejected = terminal.getOrDefault("REJECTED", 0L);
            System.out.printf("orders placed %d, terminal %d (shipped %d, rejected %d), lost %d, client retries %d, "
                    + "given up %d%n", accepted.size(), shipped + rejected, shipped, rejected,
                    accepted.size() - shipped - rejected, orders.retries(), orders.gaveUp());
        }
        long passed = outcomes.stream().filter(Outcome::passed).count();
        System.out.printf("%d passed, %d failed%n", passed, outcomes.size() - passed);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
