package dev.fanout.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The two load models.
 * <ul>
 * <li>{@link #closed}: N workers, each sending its next request when the previous answer arrived: throughput at a
 * fixed concurrency. Latency is from send to answer (a closed model measures service time by construction).</li>
 * <li>{@link #open}: requests at a fixed arrival rate whatever the service does ({@link OpenSchedule}); latency
 * from each request's intended send time, so a stall shows up in full (no coordinated omission).</li>
 * </ul>
 * Two clients: {@link Client#RAW} ({@link RawHttp}, blocking keep-alive connections, one thread each; the default,
 * because it is cheap) and {@link Client#JDK} ({@code java.net.http.HttpClient}, asynchronous).
 */
public final class Load implements AutoCloseable {

    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(5);

    public enum Client {
        RAW, JDK
    }

    /** What one run saw. Latencies in nanoseconds; {@code ok} are answers the caller's check accepted. */
    public record Result(String name, Histogram latency, long ok, long errors, long sent, double seconds,
            long maxSendLagNanos, String firstError) {

        public double throughput() {
            return seconds > 0 ? ok / seconds : 0;
        }

        public double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }

        public double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6;
        }

        public double errorRatio() {
            long all = ok + errors;
            return all == 0 ? 0 : (double) errors / all;
        }
    }

    /** Says whether an answer counts as a success, and takes what it needs from it (ids, headers). */
    public interface Check {
        boolean accept(RawHttp.Response response);
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final Duration timeout;
    private final Client client;
    private final HttpClient jdk;
    private final ExecutorService jdkExecutor;

    public Load(String host, int port, Duration timeout, Client client) {
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
        this.timeout = timeout;
        this.client = client;
        if (client == Client.JDK) {
            AtomicLong n = new AtomicLong();
            jdkExecutor = Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "bench-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .executor(jdkExecutor).build();
        } else {
            jdkExecutor = null;
            jdk = null;
        }
    }

    public Client client() {
        return client;
    }

    // ------------------------------------------------------------------ closed model

    /** {@code concurrency} workers back to back for {@code duration}. */
    public Result closed(String name, int concurrency, Duration duration, Supplier<RawHttp.Request> requests,
            Check check) throws InterruptedException {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        if (client == Client.JDK) {
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int w = 0; w < concurrency; w++) {
                jdkWorker(requests, check, tally, deadline, done);
            }
            if (!done.await(duration.toMillis() + timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                tally.error("workers did not finish");
            }
        } else {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Thread t = new Thread(() -> {
                    try (RawHttp.Connection connection = new RawHttp.Connection(host, port, (int) timeout.toMillis())) {
                        while (System.nanoTime() < deadline) {
                            byte[] request = requests.get().encode(hostHeader);
                            long begin = System.nanoTime();
                            tally.sent.incrementAndGet();
                            try {
                                RawHttp.Response response = connection.exchange(request);
                                tally.done(System.nanoTime() - begin, response, check);
                            } catch (IOException | RuntimeException e) {
                                tally.failed(System.nanoTime() - begin, e);
                            }
                        }
                    }
                }, "bench-closed-" + w);
                t.setDaemon(true);
                workers.add(t);
            }
            workers.forEach(Thread::start);
            for (Thread t : workers) {
                t.join(duration.toMillis() + timeout.toMillis() + 10_000);
            }
        }
        double seconds = (Math.max(deadline, tally.lastCompletion.get()) - start) / 1e9;
        return tally.result(name, seconds, 0);
    }

    private void jdkWorker(Supplier<RawHttp.Request> requests, Check check, Tally tally, long deadline,
            CountDownLatch done) {
        long begin = System.nanoTime();
        if (begin >= deadline) {
            done.countDown();
            return;
        }
        tally.sent.incrementAndGet();
        jdkSend(requests.get()).whenCompleteAsync((response, failure) -> {
            long took = System.nanoTime() - begin;
            if (failure != null) {
                tally.failed(took, failure);
            } else {
                tally.done(took, response, check);
            }
            jdkWorker(requests, check, tally, deadline, done);
        }, jdkExecutor);
    }

    private CompletableFuture<RawHttp.Response> jdkSend(RawHttp.Request request) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + hostHeader + request.path()))
                    .timeout(timeout);
            request.headers().forEach(builder::header);
            builder.method(request.method(), request.body().length == 0 && !request.method().equals("POST")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            return jdk.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
                Map<String, String> headers = new HashMap<>();
                r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
                return new RawHttp.Response(r.statusCode(), headers, r.body());
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ------------------------------------------------------------------ open model

    private record Task(long due, RawHttp.Request request) {
    }

    /**
     * {@code rate} requests per second for {@code duration}, each due at its slot of an {@link OpenSchedule};
     * latency from the slot. At most {@code maxOutstanding} requests are in flight (connections, for the raw
     * client): beyond that requests wait, and the wait counts in their latency.
     */
    public Result open(String name, double rate, Duration duration, int maxOutstanding,
            Supplier<RawHttp.Request> requests, Check check) throws InterruptedException {
        Tally tally = new Tally();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        OpenSchedule schedule = OpenSchedule.of(start, rate, duration);
        long maxLag = 0;
        if (client == Client.JDK) {
            Semaphore inFlight = new Semaphore(maxOutstanding);
            for (int i = 0; i < schedule.count(); i++) {
                long due = schedule.intendedNanos(i);
                waitUntil(due);
                inFlight.acquire();
                RawHttp.Request request = requests.get();
                maxLag = Math.max(maxLag, System.nanoTime() - due);
                tally.sent.incrementAndGet();
                jdkSend(request).whenCompleteAsync((response, failure) -> {
                    long took = OpenSchedule.latencyNanos(due, System.nanoTime());
                    if (failure != null) {
                        tally.failed(took, failure);
                    } else {
                        tally.done(took, response, check);
                    }
                    inFlight.release();
                }, jdkExecutor);
            }
            if (!inFlight.tryAcquire(maxOutstanding, timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                tally.error("requests still in flight after the timeout");
            }
        } else {
            LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
            AtomicInteger idle = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            boolean[] finished = { false };
            Runnable work = () -> {
                try (RawHttp.Connection connection = new RawHttp.Connection(host, port, (int) timeout.toMillis())) {
                    while (true) {
                        idle.incrementAndGet();
                        Task task;
                        try {
                            task = queue.poll(50, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        } finally {
                            idle.decrementAndGet();
                        }
                        if (task == null) {
                            synchronized (finished) {
                                if (finished[0] && queue.isEmpty()) {
                                    return;
                                }
                            }
                            continue;
                        }
                        byte[] bytes = task.request().encode(hostHeader);
                        try {
                            RawHttp.Response response = connection.exchange(bytes);
                            tally.done(OpenSchedule.latencyNanos(task.due(), System.nanoTime()), response, check);
                        } catch (IOException | RuntimeException e) {
                            tally.failed(OpenSchedule.latencyNanos(task.due(), System.nanoTime()), e);
                        }
                    }
                }
            };
            for (int i = 0; i < schedule.count(); i++) {
                long due = schedule.intendedNanos(i);
                waitUntil(due);
                RawHttp.Request request = requests.get();
                if (idle.get() == 0 && workers.size() < maxOutstanding) {
                    Thread t = new Thread(work, "bench-open-" + workers.size());
                    t.setDaemon(true);
                    workers.add(t);
                    t.start();
                }
                queue.add(new Task(due, request));
                tally.sent.incrementAndGet();
                maxLag = Math.max(maxLag, System.nanoTime() - due);
            }
            synchronized (finished) {
                finished[0] = true;
            }
            long joinDeadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(10);
            for (Thread t : workers) {
                t.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    tally.error("requests still in flight after the timeout");
                    t.interrupt();
                }
            }
        }
        double seconds = (schedule.endNanos() - start) / 1e9;
        return tally.result(name, seconds, maxLag);
    }

    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** One request outside any measurement (metrics scrapes). */
    public RawHttp.Response once(RawHttp.Request request) throws IOException {
        try (RawHttp.Connection connection = new RawHttp.Connection(host, port, (int) timeout.toMillis())) {
            return connection.exchange(request.encode(hostHeader));
        }
    }

    @Override
    public void close() {
        if (jdkExecutor != null) {
            jdkExecutor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ bookkeeping

    private static final class Tally {
        final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lastCompletion = new AtomicLong();
        volatile String firstError;

        void done(long nanos, RawHttp.Response response, Check check) {
            record(nanos);
            boolean accepted;
            try {
                accepted = check.accept(response);
            } catch (RuntimeException e) {
                accepted = false;
            }
            if (accepted) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                error("HTTP " + response.status() + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
            }
        }

        void failed(long nanos, Throwable failure) {
            record(nanos);
            errors.incrementAndGet();
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            error(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        private void record(long nanos) {
            recorder.recordValue(Math.min(Math.max(0, nanos), HIGHEST_NANOS));
            lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
        }

        void error(String message) {
            if (firstError == null) {
                firstError = message;
            }
        }

        Result result(String name, double seconds, long maxLag) {
            return new Result(name, recorder.getIntervalHistogram(), ok.get(), errors.get(), sent.get(), seconds,
                    maxLag, firstError);
        }
    }
}
