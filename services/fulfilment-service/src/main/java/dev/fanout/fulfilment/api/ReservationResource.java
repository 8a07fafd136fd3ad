package dev.fanout.fulfilment.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fanout.fulfilment.shipping.Shipment;
import dev.fanout.fulfilment.stock.Reservation;
import dev.fanout.fulfilment.stock.ReservationStatus;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservations")
public class ReservationResource {

    @GET
    @Path("/{orderId}")
    @Operation(summary = "What fulfilment decided for an order", description = "Status RESERVED, REJECTED (with the "
            + "reason), CANCELLED (rejected before it was seen placed), RELEASED or DISPATCHED (with the shipment), "
            + "and the lines, one per SKU.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "400", description = "The order id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Fulfilment has not seen this order (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReservationView> get(@PathParam("orderId") String orderId) {
        UUID id = parseId(orderId);
        return Panache.withSession(() -> Reservation.<Reservation>findById(id).chain(reservation -> {
            if (reservation == null) {
                return Uni.createFrom().failure(ProblemException.notFound("fulfilment has no reservation for order "
                        + id + " (not placed, or not processed yet)"));
            }
            Uni<Shipment> shipment = reservation.status == ReservationStatus.DISPATCHED ? Shipment.forOrder(id)
                    : Uni.createFrom().nullItem();
            return shipment.map(s -> ReservationView.of(reservation, s));
        }));
    }

    static UUID parseId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ProblemException.badRequest("order id must be a UUID such as 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b, "
                + "got '" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "'");
    }
}
