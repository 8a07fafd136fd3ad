package dev.fanout.analytics.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.fanout.analytics.store.Generations;
import io.smallrye.mutiny.Uni;

/**
 * Generations, for rebuild by replay (docs/analytics.md): list them, switch reads to one, delete an old one. The
 * replay command of the ops CLI drives these; an operator can too.
 */
@Path("/analytics/generations")
@Produces(MediaType.APPLICATION_JSON)
public class GenerationsResource {

    private final Generations generations;

    public GenerationsResource(Generations generations) {
        this.generations = generations;
    }

    @GET
    public Uni<GenerationsView> list() {
        return generations.state().map(GenerationsView::of);
    }

    /** Reads serve generation {@code n} from now on (409 when it has applied nothing). */
    @POST
    @Path("/{n}/activate")
    public Uni<GenerationsView> activate(@RestPath String n) {
        return generations.activate(Params.positive("n", n)).map(GenerationsView::of);
    }

    /**
     * Deletes every key of generation {@code n} (409 for the active one and for this instance's own). 202: the
     * generation is gone from the list at once, its keys are unlinked in the background.
     */
    @DELETE
    @Path("/{n}")
    public Uni<Response> delete(@RestPath String n) {
        int generation = Params.positive("n", n);
        return generations.delete(generation).chain(generations::state)
                .map(state -> Response.accepted(GenerationsView.of(state)).build());
    }
}
