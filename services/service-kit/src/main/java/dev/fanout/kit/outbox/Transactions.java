package dev.fanout.kit.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a unit of work in one database transaction. Outbox rows it added are relayed right after the commit, and
 * work registered with {@link #afterCommit} (cache write-through, typically) runs then, and only then.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final String AFTER_COMMIT = "fanout.after-commit";

    private final OutboxRelay relay;

    public Transactions(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            List<Supplier<Uni<Void>>> afterCommit = new ArrayList<>();
            Context context = Vertx.currentContext();
            if (context != null) {
                context.putLocal(AFTER_COMMIT, afterCommit);
            }
            return Panache.withTransaction(work)
                    .invoke(relay::wake)
                    .call(() -> runAll(afterCommit))
                    .eventually(() -> {
                        if (context != null) {
                            context.removeLocal(AFTER_COMMIT);
                        }
                    });
        });
    }

    /**
     * Registers work for after the current {@link #write} commits; it is dropped if the transaction rolls back.
     * Failures of after-commit work are logged, never propagated: the transaction already happened.
     */
    public void afterCommit(Supplier<Uni<Void>> action) {
        Context context = Vertx.currentContext();
        List<Supplier<Uni<Void>>> actions = context == null ? null : context.getLocal(AFTER_COMMIT);
        if (actions == null) {
            throw new IllegalStateException("afterCommit outside Transactions.write");
        }
        actions.add(action);
    }

    private static Uni<Void> runAll(List<Supplier<Uni<Void>>> actions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Supplier<Uni<Void>> action : actions) {
            chain = chain.chain(() -> action.get().onFailure().invoke(e -> LOG.warnf("after-commit work failed: %s",
                    e.getMessage())).onFailure().recoverWithNull());
        }
        return chain;
    }
}
