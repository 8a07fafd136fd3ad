package dev.fanout.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.notification.delivery.Channel;
import dev.fanout.notification.support.QuteEngines;

/** Every template, rendered from the files Quarkus serves, with values escaped where they must be. */
class MessageRendererTest {

    private static final UUID ORDER = UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b");

    private final MessageRenderer renderer = new MessageRenderer(QuteEngines.standalone());

    @Test
    void placedTellsWhatWasOrderedAndTheTotal() {
        MessageModel model = MessageModel.placed(new OrderPlaced(ORDER, "cust-1", "GBP", List.of(
                new OrderPlaced.Line("BOOK-0001", 2, new BigDecimal("12.50")),
                new OrderPlaced.Line("MUG-0042", 1, new BigDecimal("8.99"))), new BigDecimal("33.99"), Instant.now()));

        Rendered email = renderer.render(Step.PLACED, Channel.EMAIL, model);
        assertThat(email.subject()).isEqualTo("We have received your order " + ORDER);
        assertThat(email.text()).contains("thank you for your order " + ORDER)
                .contains("  2 x BOOK-0001\n  1 x MUG-0042\n").contains("Total: GBP 33.99")
                .doesNotContain("{").endsWith("Fanout\n");
        assertThat(email.html()).contains("<li>2 x BOOK-0001</li>").contains("<strong>" + ORDER + "</strong>")
                .contains("Total: GBP 33.99");

        Rendered sms = renderer.render(Step.PLACED, Channel.SMS, model);
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).isEqualTo("Fanout: we have received your order " + ORDER
                + " (GBP 33.99). We will text you when it is confirmed.");
    }

    @Test
    void confirmed() {
        MessageModel model = MessageModel.confirmed(new OrderConfirmed(ORDER, "cust-1", "EUR", new BigDecimal("49.00"),
                Instant.now(), Instant.now()));

        Rendered email = renderer.render(Step.CONFIRMED, Channel.EMAIL, model);
        assertThat(email.subject()).isEqualTo("Your order " + ORDER + " is confirmed");
        assertThat(email.text()).contains("your order " + ORDER + " is confirmed").contains("Total: EUR 49.00");
        assertThat(email.html()).contains("Total: EUR 49.00");
        assertThat(renderer.render(Step.CONFIRMED, Channel.SMS, model).text())
                .isEqualTo("Fanout: your order " + ORDER + " is confirmed. We will text you when it ships.");
    }

    @Test
    void rejectedSaysWhyInTheWordsOfItsStage() {
        MessageModel stock = MessageModel.rejected(rejected("stock", "OUT_OF_STOCK",
                "LAMP-0007: 3 requested, 1 available"));
        Rendered email = renderer.render(Step.REJECTED, Channel.EMAIL, stock);
        assertThat(email.subject()).isEqualTo("We could not complete your order " + ORDER);
        assertThat(email.text()).contains("Some items are not available (LAMP-0007: 3 requested, 1 available).")
                .contains("Reference: OUT_OF_STOCK").doesNotContain("payment was not");
        assertThat(renderer.render(Step.REJECTED, Channel.SMS, stock).text()).isEqualTo("Fanout: sorry, we could not "
                + "complete your order " + ORDER + ": some items are not available (OUT_OF_STOCK). Nothing has been "
                + "charged.");

        MessageModel payment = MessageModel.rejected(rejected("payment", "CARD_DECLINED", null));
        assertThat(renderer.render(Step.REJECTED, Channel.EMAIL, payment).text())
                .contains("The payment was not authorised.").contains("Reference: CARD_DECLINED");

        MessageModel other = MessageModel.rejected(rejected("fraud", "REVIEW", "manual review"));
        assertThat(renderer.render(Step.REJECTED, Channel.EMAIL, other).text())
                .contains("The order could not be processed (manual review).");
    }

    @Test
    void shippedGivesCarrierAndTrackingNumber() {
        MessageModel model = MessageModel.shipped(new ShipmentDispatched(ORDER, "shp-1", "ROYAL_MAIL",
                "RM123456789GB", List.of(new StockItem("BOOK-0001", 2)), Instant.now()));

        Rendered email = renderer.render(Step.SHIPPED, Channel.EMAIL, model);
        assertThat(email.subject()).isEqualTo("Your order " + ORDER + " is on its way");
        assertThat(email.text()).contains("has left our warehouse with ROYAL_MAIL.")
                .contains("Tracking number: RM123456789GB").contains("  2 x BOOK-0001");
        assertThat(email.html()).contains("<strong>RM123456789GB</strong>");
        assertThat(renderer.render(Step.SHIPPED, Channel.SMS, model).text()).isEqualTo("Fanout: your order " + ORDER
                + " is on its way with ROYAL_MAIL, tracking RM123456789GB.");

        MessageModel untracked = MessageModel.shipped(new ShipmentDispatched(ORDER, "shp-2", null, null, List.of(),
                Instant.now()));
        assertThat(renderer.render(Step.SHIPPED, Channel.SMS, untracked).text())
                .isEqualTo("Fanout: your order " + ORDER + " is on its way.");
    }

    @Test
    void valuesFromEventsAreEscapedInHtmlAndCannotBreakASubjectOrAnSms() {
        MessageModel hostile = MessageModel.rejected(rejected("stock", "OUT<b>\r\nBcc: victim@example.com",
                "<script>alert('x')</script>\r\nSubject: spoofed\u202Eevil"));

        Rendered email = renderer.render(Step.REJECTED, Channel.EMAIL, hostile);
        assertThat(email.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>").doesNotContain("<b>");
        assertThat(email.text()).doesNotContain("\r").doesNotContain("\u202E")
                .contains("(<script>alert('x')</script> Subject: spoofed evil)")
                .contains("Reference: OUT<b> Bcc: victim@example.com");
        assertThat(email.subject()).doesNotContain("\n").doesNotContain("\r");
        Rendered sms = renderer.render(Step.REJECTED, Channel.SMS, hostile);
        assertThat(sms.text()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void longValuesAreCutAndAnSmsStaysWithinThreeSegments() {
        String longReason = "x".repeat(5_000);
        MessageModel model = MessageModel.rejected(rejected("stock", "OUT_OF_STOCK", longReason));
        assertThat(model.reasonMessage()).hasSize(MessageModel.MAX_VALUE).endsWith("...");

        MessageModel shipped = MessageModel.shipped(new ShipmentDispatched(ORDER, "shp-1", "C".repeat(500),
                "T".repeat(500), List.of(), Instant.now()));
        String sms = renderer.render(Step.SHIPPED, Channel.SMS, shipped).text();
        assertThat(sms.length()).isLessThanOrEqualTo(MessageRenderer.MAX_SMS);
    }

    @Test
    void everyStepHasEveryTemplate() {
        MessageModel model = new MessageModel(ORDER.toString(), null, List.of(), null, null, null, null, null);
        for (Step step : Step.values()) {
            for (Channel channel : Channel.values()) {
                Rendered rendered = renderer.render(step, channel, model);
                assertThat(rendered.text()).as(step + " " + channel).contains(ORDER.toString())
                        .doesNotContain("NOT_FOUND").doesNotContain("null");
                if (channel == Channel.EMAIL) {
                    assertThat(rendered.subject()).as(step + " subject").isNotBlank().doesNotContain("null");
                    assertThat(rendered.html()).as(step + " html").startsWith("<!DOCTYPE html>");
                }
            }
        }
    }

    private static OrderRejected rejected(String stage, String code, String message) {
        return new OrderRejected(ORDER, "cust-1", "GBP", new BigDecimal("33.99"),
                new OrderRejected.Reason(stage, code, message), Instant.now(), Instant.now());
    }
}
