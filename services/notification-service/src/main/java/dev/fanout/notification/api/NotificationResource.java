package dev.fanout.notification.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.notification.delivery.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationResource {

    @GET
    @Operation(summary = "What the customer of an order was told", description = "Every delivery of the order, "
            + "oldest first: one per order event and channel, with its status (PENDING, SENT, SKIPPED with the reason, "
            + "FAILED with the last error, WAITING while the order's customer is unknown). Recipients are masked. An "
            + "order notification-service has not heard of yet gives an empty list.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NotificationView[].class)))
    @APIResponse(responseCode = "400", description = "orderId missing or not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<NotificationView>> forOrder(@QueryParam("orderId") String orderId) {
        UUID id = orderId(orderId);
        return Panache.withSession(() -> Delivery.<Delivery>list("orderId = ?1 order by createdAt, id", id))
                .map(deliveries -> deliveries.stream().map(NotificationView::of).toList());
    }

    static UUID orderId(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("the orderId query parameter is required: "
                    + "/notifications?orderId=<order id>");
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (parsed.toString().equalsIgnoreCase(value)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ProblemException.badRequest("orderId must be a UUID such as 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b, got '"
                + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'");
    }
}
