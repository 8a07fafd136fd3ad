package dev.fanout.fulfilment.api;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fanout.fulfilment.FulfilmentSettings;
import dev.fanout.fulfilment.stock.Allocation;
import dev.fanout.fulfilment.stock.Catalogue;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.Problem.FieldError;
import dev.fanout.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stock")
public class StockResource {

    /** What order-service accepts as a SKU: letters, digits and . _ : - (starting with a letter or digit), 64 max. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Catalogue catalogue;
    private final int maxRestock;

    public StockResource(Catalogue catalogue, FulfilmentSettings settings) {
        this.catalogue = catalogue;
        this.maxRestock = settings.maxRestock();
    }

    @GET
    @Operation(summary = "Every SKU's stock", description = "Sorted by SKU. For each: available, reserved (held for "
            + "orders not confirmed yet), shipped, and initial (every unit received); available + reserved + shipped "
            + "= initial.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StockView[].class)))
    public Uni<List<StockView>> all() {
        return catalogue.all().map(levels -> levels.stream().map(StockView::of).toList());
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "One SKU's stock")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StockView.class)))
    @APIResponse(responseCode = "400", description = "Not a well-formed SKU",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not in the catalogue",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StockView> one(@PathParam("sku") String sku) {
        String checked = checkedSku(sku);
        return catalogue.find(checked).map(level -> {
            if (level == null) {
                throw unknown(checked);
            }
            return StockView.of(level);
        });
    }

    @POST
    @Path("/{sku}/restock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive stock", description = "Adds quantity units to the SKU: available and initial both "
            + "grow. Orders refused earlier are not revisited.")
    @APIResponse(responseCode = "200", description = "The SKU's stock after the restock",
            content = @Content(schema = @Schema(implementation = StockView.class)))
    @APIResponse(responseCode = "400", description = "Not a well-formed SKU, no body, malformed JSON, unknown fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not in the catalogue",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "quantity missing or outside 1..max-restock, or more stock "
            + "than one SKU can hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StockView> restock(@PathParam("sku") String sku, RestockRequest request) {
        String checked = checkedSku(sku);
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"quantity\": <units received>}");
        }
        Integer quantity = request.quantity();
        String error = quantity == null ? "is required"
                : quantity < 1 ? "must be at least 1, got " + quantity
                        : quantity > maxRestock ? "must be at most " + maxRestock + ", got " + quantity : null;
        if (error != null) {
            throw ProblemException.invalid("quantity " + error, List.of(new FieldError("quantity", error)));
        }
        return catalogue.restock(checked, quantity)
                .onFailure(Allocation.Violation.class).transform(e -> ProblemException.unprocessable("stock-limit",
                        "Too much stock for one SKU", checked + ": " + e.getMessage()))
                .map(level -> {
                    if (level == null) {
                        throw unknown(checked);
                    }
                    return StockView.of(level);
                });
    }

    static String checkedSku(String sku) {
        if (!SKU.matcher(sku).matches()) {
            throw ProblemException.badRequest("a SKU is 1 to 64 letters, digits and . _ : - (starting with a letter "
                    + "or digit), such as BOOK-0001; got '" + (sku.length() > 64 ? sku.substring(0, 64) + "..." : sku)
                    + "'");
        }
        return sku;
    }

    private static ProblemException unknown(String sku) {
        return ProblemException.notFound("no SKU " + sku + " in the catalogue (GET /stock lists them)");
    }
}
