package dev.fanout.order.api;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.order.placement.OrderPlacement;
import dev.fanout.order.placement.OrderSettings;
import dev.fanout.order.placement.OrderValidator;
import dev.fanout.order.read.OrderReads;
import io.smallrye.mutiny.Uni;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    /** Where a read was answered from: {@code cache} (Redis) or {@code database} (PostgreSQL). */
    public static final String READ_SOURCE = "X-Fanout-Read-Source";
    private static final int MAX_KEY_LENGTH = 255;

    private final OrderPlacement placement;
    private final OrderReads reads;
    private final OrderValidator validator;

    public OrderResource(OrderPlacement placement, OrderReads reads, OrderSettings settings) {
        this.placement = placement;
        this.reads = reads;
        this.validator = new OrderValidator(settings.rules());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order", description = "Accepts the order as PENDING and publishes OrderPlaced. "
            + "Billing and fulfilment decide asynchronously; poll GET /orders/{id} for the outcome.")
    @APIResponse(responseCode = "201", description = "Placed (or, with a reused Idempotency-Key and the same body, "
            + "placed earlier: header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong types",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid order (one entry per field in errors), or an "
            + "Idempotency-Key reused for a different order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> place(PlaceOrderRequest request,
            @Parameter(description = "Makes retries safe: the same key with the same body returns the first order "
                    + "for 24 h; with a different body it is refused (422)", schema = @Schema(type = SchemaType.STRING,
                            maxLength = MAX_KEY_LENGTH)) @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        String key = checkedKey(idempotencyKey);
        var order = validator.validate(request);
        return placement.place(order, key).chain(placed -> {
            OrderView view = OrderView.of(placed.order());
            Response.ResponseBuilder response = Response.created(URI.create("/orders/" + view.id()))
                    .entity(view);
            if (placed.replayed()) {
                return Uni.createFrom().item(response.header(REPLAYED, "true").build());
            }
            return reads.rememberNew(view).replaceWith(response.build());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an order", description = "From Redis when it is there, else from PostgreSQL; the "
            + READ_SOURCE + " header says which.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        UUID orderId = parseId(id);
        return reads.find(orderId).map(read -> {
            if (read == null) {
                throw ProblemException.notFound("no order " + orderId);
            }
            return Response.ok(read.json(), MediaType.APPLICATION_JSON)
                    .header(READ_SOURCE, read.source().name().toLowerCase()).build();
        });
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

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)");
        }
        return key;
    }
}
