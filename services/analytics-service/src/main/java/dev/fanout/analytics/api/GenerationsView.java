package dev.fanout.analytics.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.analytics.store.Generations.State;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /analytics/generations}: which generation reads serve, which one this instance writes, and for every
 * generation known, what it has applied (events, duplicates skipped, the latest business time seen).
 */
@RegisterForReflection(targets = { GenerationsView.class, GenerationsView.Generation.class })
public record GenerationsView(int active, int instance, List<Generation> generations) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Generation(int generation, boolean active, boolean instance, long eventsApplied, long duplicates,
            Instant lastEventAt, Instant firstAppliedAt, Instant lastAppliedAt) {
    }

    static GenerationsView of(State state) {
        return new GenerationsView(state.active(), state.instance(), state.generations().stream()
                .map(g -> new Generation(g.generation(), g.generation() == state.active(),
                        g.generation() == state.instance(), g.events(), g.duplicates(), g.lastEventAt(),
                        g.firstAppliedAt(), g.lastAppliedAt()))
                .toList());
    }
}
