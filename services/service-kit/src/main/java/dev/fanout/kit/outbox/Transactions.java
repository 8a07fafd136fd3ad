package dev.fanout.kit.outbox;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a unit of work in one database transaction. Outbox rows it added are relayed right after the commit, instead
 * of at the relay's next poll.
 */
@ApplicationScoped
public class Transactions {

    private final OutboxRelay relay;

    public Transactions(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wake);
    }
}
