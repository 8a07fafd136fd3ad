package dev.fanout.order.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cheapest answer this service can give: no database, no cache, no JSON. A load balancer probe that costs
 * nothing, and the HTTP floor the benchmark compares reads against.
 */
@Path("/ping")
@Tag(name = "operations")
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Answers pong: the HTTP floor of this service")
    public String ping() {
        return "pong";
    }
}
