package dev.fanout.notification.message;

import java.util.Arrays;
import java.util.Optional;

import dev.fanout.events.EventTypes;

/** The steps of an order's life a customer is told about, each with the event type that announces it. */
public enum Step {
    PLACED(EventTypes.ORDER_PLACED.type()),
    CONFIRMED(EventTypes.ORDER_CONFIRMED.type()),
    REJECTED(EventTypes.ORDER_REJECTED.type()),
    SHIPPED(EventTypes.SHIPMENT_DISPATCHED.type());

    private final String about;

    Step(String about) {
        this.about = about;
    }

    /** The CloudEvents type of the event this step is announced by (NotificationSent's {@code about}). */
    public String about() {
        return about;
    }

    /** The folder of this step's templates under {@code templates/}. */
    public String templateFolder() {
        return name().toLowerCase();
    }

    /** How far along an order is at this step: placed 0, confirmed or rejected 1, shipped 2. */
    public int rank() {
        return switch (this) {
            case PLACED -> 0;
            case CONFIRMED, REJECTED -> 1;
            case SHIPPED -> 2;
        };
    }

    /**
     * Whether one order cannot have both steps: a rejected order is never confirmed or shipped. Such an event is a
     * bug upstream; telling the customer both would be worse than telling them nothing.
     */
    public boolean contradicts(Step other) {
        return (this == REJECTED && (other == CONFIRMED || other == SHIPPED))
                || (other == REJECTED && (this == CONFIRMED || this == SHIPPED));
    }

    /**
     * Whether the customer was already told about a later step (the events arrived out of order, e.g. shipments.v1
     * read ahead of orders.v1 after a replay): an earlier step is then not worth a message.
     */
    public boolean supersededBy(Step later) {
        return later.rank() > rank() && !contradicts(later);
    }

    public static Optional<Step> byAbout(String about) {
        return Arrays.stream(values()).filter(s -> s.about.equals(about)).findFirst();
    }
}
