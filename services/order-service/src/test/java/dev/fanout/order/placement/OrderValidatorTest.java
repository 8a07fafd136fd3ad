package dev.fanout.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fanout.kit.problem.Problem.FieldError;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.order.api.PlaceOrderRequest;
import dev.fanout.order.api.PlaceOrderRequest.Line;

class OrderValidatorTest {

    private final OrderValidator validator = new OrderValidator(
            new OrderRules(Set.of("GBP", "JPY"), 3, 10, new BigDecimal("500")));

    @Test
    void acceptsAValidOrderAndComputesItsTotalInTheCurrencysMinorUnits() {
        ValidatedOrder order = validator.validate(new PlaceOrderRequest("c-1", "GBP", List.of(
                new Line("A", 3, new BigDecimal("1.1")), new Line("B", 1, new BigDecimal("0")))));

        assertThat(order.total()).isEqualByComparingTo("3.30");
        assertThat(order.total().scale()).isEqualTo(2);
        assertThat(order.lines()).extracting(ValidatedOrder.Line::unitPrice)
                .containsExactly(new BigDecimal("1.10"), new BigDecimal("0.00"));
    }

    @Test
    void yenHasNoMinorUnits() {
        ValidatedOrder order = validator.validate(new PlaceOrderRequest("c-1", "JPY",
                List.of(new Line("A", 2, new BigDecimal("150")))));

        assertThat(order.total()).isEqualByComparingTo("300");
        assertThat(order.total().scale()).isZero();
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        PlaceOrderRequest request = new PlaceOrderRequest("", "EUR", List.of(
                new Line("A", 0, new BigDecimal("1")),
                new Line("A", 11, new BigDecimal("600"))));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(422);
            assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("customerId", "currency",
                    "lines[0].quantity", "lines[1].sku", "lines[1].quantity", "lines[1].unitPrice");
            assertThat(e.problem().detail()).startsWith("6 invalid fields: customerId is required;");
        });
    }

    @Test
    void limitsTheNumberOfLines() {
        List<Line> four = List.of(new Line("A", 1, BigDecimal.ONE), new Line("B", 1, BigDecimal.ONE),
                new Line("C", 1, BigDecimal.ONE), new Line("D", 1, BigDecimal.ONE));

        assertThatThrownBy(() -> validator.validate(new PlaceOrderRequest("c", "GBP", four)))
                .hasMessage("lines at most 3 lines per order, got 4");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertThatThrownBy(() -> validator.validate(null)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void aNullLineIsReportedNotThrown() {
        List<Line> withNull = new java.util.ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> validator.validate(new PlaceOrderRequest("c", "GBP", withNull)))
                .hasMessageContaining("lines[0] must be an object");
    }
}
