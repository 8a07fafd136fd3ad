package dev.fanout.analytics.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.fanout.analytics.AnalyticsMetrics;
import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.Timeline;
import dev.fanout.analytics.store.AnalyticsReads;
import dev.fanout.analytics.store.Generations;
import dev.fanout.analytics.store.ReadCache;
import dev.fanout.analytics.store.RedisUnavailableException;
import dev.fanout.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The analytics read endpoints, answered straight from Redis (one pipelined round trip each, no PostgreSQL), for the
 * active generation or, with {@code ?generation=N}, for a given one (to compare a rebuild with the numbers it
 * replaces before switching).
 */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    static final Duration MAX_TIMELINE_WINDOW = Duration.ofHours(24);

    private final AnalyticsReads reads;
    private final Generations generations;
    private final AnalyticsMetrics metrics;
    private final ReadCache<SummaryView> summaries;
    private final ReadCache<TopProductsView> tops;

    public AnalyticsResource(AnalyticsReads reads, Generations generations, AnalyticsMetrics metrics,
            AnalyticsSettings settings) {
        this.reads = reads;
        this.generations = generations;
        this.metrics = metrics;
        this.summaries = new ReadCache<>(settings.readCache());
        this.tops = new ReadCache<>(settings.readCache());
    }

    @GET
    @Path("/summary")
    public Uni<SummaryView> summary(@RestQuery String generation) {
        Integer requested = Params.generation(generation);
        return generations.active().chain(active -> {
            int served = requested == null ? active : requested;
            // whether the generation is active is decided per request: an activation shows at once
            return summaries.get(Integer.toString(served), () -> reads.summary(served).map(data -> {
                requireKnown(requested, data.known());
                return SummaryView.of(data, false);
            })).map(view -> view.withActive(served == active));
        }).onFailure(RedisUnavailableException.class).invoke(e -> metrics.readUnavailable("summary"));
    }

    @GET
    @Path("/timeline")
    public Uni<TimelineView> timeline(@RestQuery String from, @RestQuery String to, @RestQuery String generation) {
        Instant start = Params.instant("from", from);
        Instant end = Params.instant("to", to);
        Integer requested = Params.generation(generation);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_TIMELINE_WINDOW) > 0) {
            throw ProblemException.badRequest("at most 24 hours per call: 'from' " + start + " to 'to' " + end
                    + " is " + Duration.between(start, end).toMinutes() + " minutes; page through longer periods");
        }
        Instant firstMinute = Timeline.minute(start);
        return generations.active()
                .chain(active -> reads.timeline(requested == null ? active : requested, firstMinute, end))
                .map(data -> {
                    requireKnown(requested, data.known());
                    return TimelineView.of(data, start, end);
                })
                .onFailure(RedisUnavailableException.class).invoke(e -> metrics.readUnavailable("timeline"));
    }

    @GET
    @Path("/top-products")
    public Uni<TopProductsView> topProducts(@RestQuery String limit, @RestQuery String generation) {
        int n = Params.limit(limit);
        Integer requested = Params.generation(generation);
        return generations.active().chain(active -> {
            int served = requested == null ? active : requested;
            return tops.get(served + ":" + n, () -> reads.topProducts(served, n).map(data -> {
                requireKnown(requested, data.known());
                return TopProductsView.of(data, n);
            }));
        }).onFailure(RedisUnavailableException.class).invoke(e -> metrics.readUnavailable("top-products"));
    }

    /** An explicitly requested generation must exist; the active one may still be empty (a fresh start). */
    private static void requireKnown(Integer requested, boolean known) {
        if (requested != null && !known) {
            throw ProblemException.notFound("there is no analytics generation " + requested
                    + " (GET /analytics/generations lists them)");
        }
    }
}
