package dev.fanout.fulfilment.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void unitsMoveFromAvailableToReservedToShipped() {
        Quantities stock = Quantities.fresh(10).reserve(4);
        assertThat(stock).isEqualTo(new Quantities(6, 4, 0, 10));

        stock = stock.ship(3);
        assertThat(stock).isEqualTo(new Quantities(6, 1, 3, 10));

        stock = stock.release(1);
        assertThat(stock).isEqualTo(new Quantities(7, 0, 3, 10));
    }

    @Test
    void stockNeverGoesNegative() {
        Quantities stock = new Quantities(1, 2, 0, 3);

        assertThatThrownBy(() -> stock.reserve(2)).isInstanceOf(Allocation.Violation.class)
                .hasMessage("cannot reserve 2, only 1 available");
        assertThatThrownBy(() -> stock.release(3)).isInstanceOf(Allocation.Violation.class)
                .hasMessage("cannot release 3, only 2 reserved");
        assertThatThrownBy(() -> stock.ship(3)).isInstanceOf(Allocation.Violation.class)
                .hasMessage("cannot ship 3, only 2 reserved");
        assertThatThrownBy(() -> stock.reserve(0)).isInstanceOf(Allocation.Violation.class);
        assertThatThrownBy(() -> new Quantities(-1, 1, 0, 0)).isInstanceOf(Allocation.Violation.class);
    }

    @Test
    void stockIsConserved() {
        assertThatThrownBy(() -> new Quantities(1, 1, 1, 4)).isInstanceOf(Allocation.Violation.class)
                .hasMessageStartingWith("stock not conserved");
        assertThatThrownBy(() -> new Quantities(Integer.MAX_VALUE, 1, 0, Integer.MIN_VALUE + 1))
                .isInstanceOf(Allocation.Violation.class);
    }

    @Test
    void aRestockAddsToAvailableAndToWhatWasReceived() {
        assertThat(new Quantities(0, 2, 1, 3).restock(5)).isEqualTo(new Quantities(5, 2, 1, 8));
        assertThatThrownBy(() -> Quantities.fresh(Integer.MAX_VALUE - 1).restock(2))
                .isInstanceOf(Allocation.Violation.class);
    }
}
