package dev.fanout.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.events.order.OrderPlaced;

class EventJsonTest {

    private final OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), "cust-1", "GBP",
            List.of(new OrderPlaced.Line("SKU-1", 3, new BigDecimal("1.10"))), new BigDecimal("3.30"),
            Instant.parse("2026-11-26T10:00:00.5Z"));

    @Test
    void roundTripsAnEvent() {
        String json = EventJson.encode(placed);

        assertThat(EventJson.decode(json, OrderPlaced.class)).isEqualTo(placed);
        assertThat(json).contains("\"total\":3.30").contains("\"placedAt\":\"2026-11-26T10:00:00.500Z\"");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> EventJson.decode(new byte[] { 0x00, (byte) 0xff, 0x13 }, OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("not a valid OrderPlaced");
    }

    @Test
    void rejectsAnEmptyBody() {
        assertThatThrownBy(() -> EventJson.decode(new byte[0], OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("empty body");
    }

    @Test
    void rejectsJsonThatBreaksTheContract() {
        String noLines = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"c\",\"currency\":\"GBP\","
                + "\"lines\":[],\"total\":1,\"placedAt\":\"2026-11-26T10:00:00Z\"}";
        String zeroQuantity = EventJson.encode(placed).replace("\"quantity\":3", "\"quantity\":0");
        String missingQuantity = EventJson.encode(placed).replace("\"quantity\":3,", "");

        assertThatThrownBy(() -> EventJson.decode(noLines, OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("at least one line");
        assertThatThrownBy(() -> EventJson.decode(zeroQuantity.getBytes(StandardCharsets.UTF_8), OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("quantity must be positive");
        assertThatThrownBy(() -> EventJson.decode(missingQuantity, OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class);
    }
}
