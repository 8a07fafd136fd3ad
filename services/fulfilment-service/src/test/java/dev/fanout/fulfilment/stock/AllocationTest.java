package dev.fanout.fulfilment.stock;

import static dev.fanout.fulfilment.stock.ReservationStatus.CANCELLED;
import static dev.fanout.fulfilment.stock.ReservationStatus.DISPATCHED;
import static dev.fanout.fulfilment.stock.ReservationStatus.REJECTED;
import static dev.fanout.fulfilment.stock.ReservationStatus.RELEASED;
import static dev.fanout.fulfilment.stock.ReservationStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.fanout.fulfilment.stock.Allocation.Line;
import dev.fanout.fulfilment.stock.Allocation.OnConfirmed;
import dev.fanout.fulfilment.stock.Allocation.OnPlaced;
import dev.fanout.fulfilment.stock.Allocation.OnRejected;
import dev.fanout.fulfilment.stock.Allocation.Reject;
import dev.fanout.fulfilment.stock.Allocation.Reserve;
import dev.fanout.fulfilment.stock.Allocation.Shortage;

class AllocationTest {

    private static final Map<String, Integer> STOCK = Map.of("BOOK-0001", 100, "MUG-0042", 5, "LAMP-0007", 1);

    @Test
    void anOrderThatFitsIsReservedInFull() {
        List<Line> demand = List.of(new Line("BOOK-0001", 2), new Line("MUG-0042", 5));

        assertThat(Allocation.decide(demand, STOCK)).isEqualTo(new Reserve(demand));
    }

    @Test
    void oneShortLineRejectsTheWholeOrderAndNamesTheShortage() {
        List<Line> demand = List.of(new Line("BOOK-0001", 2), new Line("LAMP-0007", 3));

        assertThat(Allocation.decide(demand, STOCK)).isEqualTo(new Reject(Allocation.OUT_OF_STOCK,
                "LAMP-0007: 3 requested, 1 available", List.of(new Shortage("LAMP-0007", 3, 1))));
    }

    @Test
    void everyShortageIsReported() {
        List<Line> demand = List.of(new Line("MUG-0042", 6), new Line("BOOK-0001", 1), new Line("LAMP-0007", 2));

        Reject reject = (Reject) Allocation.decide(demand, STOCK);

        assertThat(reject.reason()).isEqualTo(Allocation.OUT_OF_STOCK);
        assertThat(reject.shortages()).containsExactly(new Shortage("MUG-0042", 6, 5),
                new Shortage("LAMP-0007", 2, 1));
        assertThat(reject.message()).isEqualTo("MUG-0042: 6 requested, 5 available; LAMP-0007: 2 requested, "
                + "1 available");
    }

    @Test
    void anUnknownSkuWinsOverShortagesAndBothAreListed() {
        List<Line> demand = List.of(new Line("LAMP-0007", 2), new Line("NOPE-1", 1), new Line("BOOK-0001", 1));

        Reject reject = (Reject) Allocation.decide(demand, STOCK);

        assertThat(reject.reason()).isEqualTo(Allocation.UNKNOWN_SKU);
        assertThat(reject.shortages()).containsExactly(new Shortage("LAMP-0007", 2, 1), new Shortage("NOPE-1", 1, 0));
        assertThat(reject.message()).isEqualTo("LAMP-0007: 2 requested, 1 available; NOPE-1: not in the catalogue");
    }

    @Test
    void anUnknownSkuEvenWithNothingElseShortIsRejected() {
        assertThat(Allocation.decide(List.of(new Line("NOPE-1", 1)), Map.of()))
                .isEqualTo(new Reject(Allocation.UNKNOWN_SKU, "NOPE-1: not in the catalogue",
                        List.of(new Shortage("NOPE-1", 1, 0))));
    }

    @Test
    void exactlyWhatIsAvailableCanBeReserved() {
        assertThat(Allocation.decide(List.of(new Line("LAMP-0007", 1)), STOCK)).isInstanceOf(Reserve.class);
        assertThat(Allocation.decide(List.of(new Line("LAMP-0007", 2)), STOCK)).isInstanceOf(Reject.class);
        assertThat(Allocation.decide(List.of(new Line("LAMP-0007", 1)), Map.of("LAMP-0007", 0)))
                .isInstanceOf(Reject.class);
    }

    @Test
    void aLongListOfShortagesIsSummarisedInTheMessageButListedInFull() {
        List<Line> demand = IntStream.rangeClosed(1, 13).mapToObj(i -> new Line("X-" + i, 1)).toList();

        Reject reject = (Reject) Allocation.decide(demand, Map.of());

        assertThat(reject.shortages()).hasSize(13);
        assertThat(reject.message()).endsWith("X-10: not in the catalogue; and 3 more");
    }

    @Test
    void theDemandSumsLinesOfOneSkuInTheOrderTheyFirstAppear() {
        List<Line> demand = Allocation.demand(List.of(new Line("MUG-0042", 1), new Line("BOOK-0001", 2),
                new Line("MUG-0042", 3)));

        assertThat(demand).containsExactly(new Line("MUG-0042", 4), new Line("BOOK-0001", 2));
        // the sum is what must be available
        assertThat(Allocation.decide(Allocation.demand(List.of(new Line("LAMP-0007", 1), new Line("LAMP-0007", 1))),
                STOCK)).isEqualTo(new Reject(Allocation.OUT_OF_STOCK, "LAMP-0007: 2 requested, 1 available",
                        List.of(new Shortage("LAMP-0007", 2, 1))));
    }

    @Test
    void aDemandBeyondWhatAnIntHoldsIsAViolation() {
        assertThatThrownBy(() -> Allocation.demand(List.of(new Line("A", Integer.MAX_VALUE), new Line("A", 1))))
                .isInstanceOf(Allocation.Violation.class).hasMessageContaining("2147483648 units requested");
        assertThatThrownBy(() -> Allocation.demand(List.of())).isInstanceOf(Allocation.Violation.class);
        assertThatThrownBy(() -> Allocation.demand(List.of(new Line("A", 0)))).isInstanceOf(Allocation.Violation.class);
    }

    @Test
    void aPlacedOrderIsDecidedOnce() {
        assertThat(Allocation.placed(null, false)).isEqualTo(OnPlaced.ALLOCATE);
        for (ReservationStatus status : ReservationStatus.values()) {
            if (status != CANCELLED) {
                assertThat(Allocation.placed(status, status == REJECTED)).as(status.name())
                        .isEqualTo(OnPlaced.ALREADY_ANSWERED);
            }
        }
    }

    @Test
    void aPlacedOrderAfterItsRejectionIsRefusedOnce() {
        assertThat(Allocation.placed(CANCELLED, false)).isEqualTo(OnPlaced.REFUSE_CANCELLED);
        assertThat(Allocation.placed(CANCELLED, true)).isEqualTo(OnPlaced.ALREADY_ANSWERED);
        UUID order = UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b");
        assertThat(Allocation.cancelledMessage(order))
                .isEqualTo("order 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b was rejected before its stock was reserved");
    }

    @Test
    void aRejectedOrderReleasesWhatItHoldsOnce() {
        assertThat(Allocation.rejected(RESERVED)).isEqualTo(OnRejected.RELEASE);
        assertThat(Allocation.rejected(RELEASED)).isEqualTo(OnRejected.NOTHING);
        assertThat(Allocation.rejected(REJECTED)).isEqualTo(OnRejected.NOTHING);
        assertThat(Allocation.rejected(CANCELLED)).isEqualTo(OnRejected.NOTHING);
    }

    @Test
    void anOrderRejectedBeforeItWasSeenPlacedLeavesATombstone() {
        assertThat(Allocation.rejected(null)).isEqualTo(OnRejected.TOMBSTONE);
    }

    @Test
    void aShippedOrderCannotBeRejected() {
        assertThatThrownBy(() -> Allocation.rejected(DISPATCHED)).isInstanceOf(Allocation.Violation.class)
                .hasMessageContaining("already dispatched");
    }

    @Test
    void onlyAReservedOrderIsDispatchedAndOnlyOnce() {
        assertThat(Allocation.confirmed(RESERVED)).isEqualTo(OnConfirmed.DISPATCH);
        assertThat(Allocation.confirmed(DISPATCHED)).isEqualTo(OnConfirmed.NOTHING);
        assertThatThrownBy(() -> Allocation.confirmed(null)).isInstanceOf(Allocation.Violation.class)
                .hasMessage("it holds no reservation");
        assertThatThrownBy(() -> Allocation.confirmed(RELEASED)).isInstanceOf(Allocation.Violation.class)
                .hasMessageContaining("released");
        assertThatThrownBy(() -> Allocation.confirmed(REJECTED)).isInstanceOf(Allocation.Violation.class);
        assertThatThrownBy(() -> Allocation.confirmed(CANCELLED)).isInstanceOf(Allocation.Violation.class);
    }
}
