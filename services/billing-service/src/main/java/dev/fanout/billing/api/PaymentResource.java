package dev.fanout.billing.api;

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

import dev.fanout.billing.payment.Payment;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payments")
public class PaymentResource {

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Read an order's payment", description = "What billing did for the order: AUTHORIZED "
            + "(with the authorization id), DECLINED (with the reason), VOIDED (authorized, then released because the "
            + "order was rejected) or CANCELLED (the order was rejected before billing saw it placed).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", description = "The order id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Billing knows no payment for this order (yet: billing "
            + "answers asynchronously, shortly after the order was placed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PaymentView> get(@PathParam("orderId") String orderId) {
        UUID id = parseId(orderId);
        return Panache.withSession(() -> Payment.<Payment>findById(id)).map(payment -> {
            if (payment == null) {
                throw ProblemException.notFound("no payment for order " + id);
            }
            return PaymentView.of(payment);
        });
    }

    static UUID parseId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            // UUID.fromString accepts "1-2-3-4-5"; only the canonical 36-character form is an order id
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
