package dev.fanout.order.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.order.placement.OrderValidator;
import dev.fanout.order.read.OrderReads;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/customers/{customerId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class CustomerOrdersResource {

    static final int MAX_PAGE_SIZE = 100;

    private final OrderReads reads;

    public CustomerOrdersResource(OrderReads reads) {
        this.reads = reads;
    }

    /** A page of a customer's orders; {@code orders} holds each order exactly as GET /orders/{id} returns it. */
    @RegisterForReflection
    public record CustomerOrders(String customerId, int page, int size, long totalOrders,
            @Schema(implementation = OrderView[].class) @JsonRawValue String orders) {
    }

    @GET
    @Operation(summary = "A customer's orders, most recent first", description = "From Redis when the customer's "
            + "list is cached, else from PostgreSQL (which then fills Redis); " + OrderResource.READ_SOURCE
            + " says which.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CustomerOrders.class)))
    @APIResponse(responseCode = "400", description = "Malformed customer id, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@PathParam("customerId") String customerId,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        if (!OrderValidator.isIdentifier(customerId)) {
            throw ProblemException.badRequest("customer id may only contain letters, digits and . _ : - (at most 64)");
        }
        int pageNumber = number("page", page, 0, 1_000_000);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        return reads.customerOrders(customerId, pageNumber, pageSize).map(found -> Response
                .ok(new CustomerOrders(customerId, pageNumber, pageSize, found.total(),
                        "[" + String.join(",", found.orders()) + "]"))
                .header(OrderResource.READ_SOURCE, found.source().name().toLowerCase()).build());
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(name + " must be an integer from " + min + " to " + max + ", got '"
                + value + "'");
    }
}
