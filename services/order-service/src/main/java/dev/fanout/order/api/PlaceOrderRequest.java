package dev.fanout.order.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /orders}. Read strictly: unknown fields and wrongly typed values are rejected. */
@Schema(name = "PlaceOrderRequest", description = "An order to place")
public record PlaceOrderRequest(
        @Schema(description = "Who orders", example = "cust-1001", maxLength = 64) String customerId,
        @Schema(description = "ISO 4217 code of every amount", example = "GBP") String currency,
        @Schema(description = "What is ordered, 1 to 50 lines, one per SKU") List<Line> lines) {

    @Schema(name = "OrderLineRequest")
    public record Line(
            @Schema(example = "BOOK-0001", maxLength = 64) String sku,
            @Schema(example = "2", minimum = "1", maximum = "1000") Integer quantity,
            @Schema(example = "12.50", minimum = "0", description = "price of one unit, at most the "
                    + "currency's minor units (2 decimals for GBP, 0 for JPY)") BigDecimal unitPrice) {
    }
}
