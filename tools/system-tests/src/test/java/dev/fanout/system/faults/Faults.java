package dev.fanout.system.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Small helpers of the fault suite. */
final class Faults {

    private Faults() {
    }

    /**
     * Lets time pass while a fault is in place: the fault's duration is the scenario (the broker is away for 20 s),
     * not a wait for a condition, which is what Awaitility is for.
     */
    static void hold(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
