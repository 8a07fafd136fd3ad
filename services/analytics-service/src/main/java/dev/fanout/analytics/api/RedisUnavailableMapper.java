package dev.fanout.analytics.api;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.fanout.analytics.store.RedisUnavailableException;
import dev.fanout.kit.problem.Problem;

/**
 * Redis unavailable: the aggregates exist nowhere else, so the honest answer is 503 with a Retry-After (never a page
 * of zeros, never a 500).
 */
public class RedisUnavailableMapper {

    private final long retryAfterSeconds;

    public RedisUnavailableMapper(
            @ConfigProperty(name = "fanout.analytics.retry-after", defaultValue = "5s") java.time.Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @ServerExceptionMapper
    public Response unavailable(RedisUnavailableException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(Problem.of(503, "analytics-unavailable", "Analytics temporarily unavailable",
                        "the analytics aggregates live in Redis, which does not answer right now; retry in "
                                + retryAfterSeconds + " s"))
                .build();
    }
}
