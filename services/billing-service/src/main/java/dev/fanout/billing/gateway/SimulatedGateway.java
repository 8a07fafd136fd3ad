package dev.fanout.billing.gateway;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.billing.gateway.AuthorizationResult.Approved;
import dev.fanout.billing.gateway.AuthorizationResult.Declined;
import dev.fanout.billing.gateway.SimulatedGatewayRules.Faults;
import dev.fanout.kit.outbox.OutboxSettings;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The payment gateway adapter this blueprint ships: a deterministic simulator ({@link SimulatedGatewayRules}) that
 * behaves like an external provider. It remembers every answer per idempotency key in its own table, written with
 * the reactive pool in its own transactions (never the caller's: a gateway does not roll back because billing's
 * transaction did), so asking again with the same key returns the first answer.
 *
 * <p>Failure injection ({@code fanout.billing.gateway.latency}, {@code transient-failure-rate},
 * {@code fail-first-attempts}) happens before the gateway decides anything: a simulated timeout charges nothing.
 * Call counts for {@code fail-first-attempts} are kept in memory, per instance, and only when it is set.
 */
@Startup // a bad fanout.billing.gateway.* value stops the service at start, not at the first order
@ApplicationScoped
public class SimulatedGateway implements PaymentGateway {

    private static final Logger LOG = Logger.getLogger(SimulatedGateway.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final SimulatedGatewayRules rules;
    private final Faults faults;
    private final String table;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public SimulatedGateway(Pool pool, SimulatedGatewaySettings settings, OutboxSettings outbox) {
        this.pool = pool;
        this.rules = SimulatedGatewayRules.of(settings);
        this.faults = Faults.of(settings);
        this.table = outbox.schema() + ".simulated_gateway_charge";
        if (!faults.equals(Faults.none())) {
            LOG.warnf("simulated payment gateway with injected faults: latency %d ms, transient failure rate %.3f, "
                    + "first %d calls per idempotency key time out", faults.latency().toMillis(),
                    faults.transientFailureRate(), faults.failFirstAttempts());
        }
    }

    @Override
    public Uni<AuthorizationResult> authorize(AuthorizationRequest request) {
        return call("authorize", request.idempotencyKey()).chain(() -> charge(request));
    }

    @Override
    public Uni<Void> voidAuthorization(String authorizationId) {
        return call("void", "void:" + authorizationId)
                .chain(() -> pool.preparedQuery("UPDATE " + table + " SET voided_at = coalesce(voided_at, now()) "
                        + "WHERE authorization_id = $1").execute(Tuple.of(authorizationId)))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new GatewayRequestRefusedException("the gateway never granted authorization "
                                + authorizationId);
                    }
                })
                .replaceWithVoid();
    }

    /** How many calls this instance counted for an idempotency key (voids count as {@code void:<authorization>}). */
    public int callsFor(String idempotencyKey) {
        AtomicInteger count = calls.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    /** The first answer for a key wins: the insert of a second one does nothing, and that first answer is replayed. */
    private Uni<AuthorizationResult> charge(AuthorizationRequest request) {
        Optional<Declined> declined = rules.decide(request.customerId(), request.amount(), request.currency());
        AuthorizationResult result = declined.<AuthorizationResult>map(d -> d)
                .orElseGet(() -> new Approved(newAuthorizationId()));
        Tuple row = Tuple.tuple()
                .addString(request.idempotencyKey())
                .addString(request.customerId())
                .addString(request.currency())
                .addValue(request.amount())
                .addString(declined.isPresent() ? "DECLINED" : "APPROVED")
                .addString(result instanceof Approved approved ? approved.authorizationId() : null)
                .addString(declined.map(Declined::code).orElse(null))
                .addString(declined.map(Declined::message).orElse(null));
        return pool.preparedQuery("INSERT INTO " + table + " (idempotency_key, customer_id, currency, amount, "
                + "outcome, authorization_id, decline_code, decline_message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                + "ON CONFLICT (idempotency_key) DO NOTHING").execute(row)
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(result) : replay(request));
    }

    private Uni<AuthorizationResult> replay(AuthorizationRequest request) {
        return pool.preparedQuery("SELECT customer_id, currency, amount, outcome, authorization_id, decline_code, "
                + "decline_message FROM " + table + " WHERE idempotency_key = $1")
                .execute(Tuple.of(request.idempotencyKey()))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    BigDecimal amount = first.getBigDecimal("amount");
                    if (!first.getString("customer_id").equals(request.customerId())
                            || !first.getString("currency").equals(request.currency())
                            || amount.compareTo(request.amount()) != 0) {
                        throw new GatewayRequestRefusedException("idempotency key " + request.idempotencyKey()
                                + " was used for " + first.getString("currency") + " " + amount.toPlainString()
                                + " by " + first.getString("customer_id") + ", now " + request.currency() + " "
                                + request.amount().toPlainString() + " by " + request.customerId());
                    }
                    LOG.debugf("simulated gateway: replaying the answer for %s", request.idempotencyKey());
                    return "APPROVED".equals(first.getString("outcome"))
                            ? new Approved(first.getString("authorization_id"))
                            : new Declined(first.getString("decline_code"), first.getString("decline_message"));
                });
    }

    /** Latency first, then the injected timeouts; a timed-out call has changed nothing. */
    private Uni<Void> call(String operation, String key) {
        return pause(faults.latency()).invoke(() -> {
            int call = faults.countsCalls() ? calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet()
                    : 1;
            if (faults.timesOut(call, ThreadLocalRandom.current().nextDouble())) {
                throw new GatewayTimeoutException("simulated gateway timeout: " + operation + " " + key
                        + (faults.countsCalls() ? " (call " + call + ")" : ""));
            }
        });
    }

    /** Waits without blocking and continues on the caller's Vert.x context (Hibernate Reactive insists on it). */
    private static Uni<Void> pause(Duration pause) {
        if (pause.isZero()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(pause.toMillis(),
                id -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private static String newAuthorizationId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "auth-" + HexFormat.of().formatHex(bytes);
    }
}
