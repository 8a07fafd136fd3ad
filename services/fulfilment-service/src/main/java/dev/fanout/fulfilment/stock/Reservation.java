package dev.fanout.fulfilment.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** What fulfilment decided for one order, and the stock it concerns (one line per SKU). */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    /** The primary key's name: a second insert for one order fails on it. */
    public static final String PRIMARY_KEY = "reservation_pkey";

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReservationStatus status;

    /** Why stock was refused ({@code OUT_OF_STOCK}, {@code UNKNOWN_SKU}, {@code ORDER_CANCELLED}), else null. */
    @Column(name = "rejection_code")
    public String rejectionCode;

    @Column(name = "rejection_message")
    public String rejectionMessage;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Optimistic lock on top of the row lock: a decision taken on a stale state can never commit. */
    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<ReservationLine> lines = new ArrayList<>();

    public static Reservation create(UUID orderId, ReservationStatus status, List<Allocation.Line> lines,
            Instant at) {
        Reservation reservation = new Reservation();
        reservation.orderId = orderId;
        reservation.status = status;
        reservation.createdAt = at;
        reservation.updatedAt = at;
        reservation.setLines(lines);
        return reservation;
    }

    /**
     * The order's reservation, row-locked for this transaction (events of one order apply one at a time), or null.
     * A query rather than {@code findById(id, lock)}: with the eager lines, findById reads the row unlocked in a join
     * and only then locks it ("follow-on locking"), so it could act on a state another transaction just changed.
     * This locks the row in the read itself, then loads the lines.
     */
    public static Uni<Reservation> locked(UUID orderId) {
        return Reservation.<Reservation>find("orderId = ?1", orderId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public List<Allocation.Line> demand() {
        return lines.stream().map(l -> new Allocation.Line(l.sku, l.quantity)).toList();
    }

    public void setLines(List<Allocation.Line> demand) {
        lines.clear();
        demand.forEach(l -> lines.add(new ReservationLine(l.sku(), l.quantity())));
    }

    public void moveTo(ReservationStatus next, Instant at) {
        status = next;
        updatedAt = at;
    }

    /** The status, or null for no reservation: what {@link Allocation}'s rules take. */
    public static ReservationStatus statusOf(Reservation reservation) {
        return reservation == null ? null : reservation.status;
    }
}
