package dev.fanout.notification.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;

import io.agroal.api.AgroalDataSource;

/** What notification-service has really stored, read with plain SQL. Every test works on orders of its own. */
@ApplicationScoped
public class NotificationStore {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AgroalDataSource dataSource;

    public NotificationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One delivery row, as stored. */
    public record Row(String id, String channel, String about, UUID aboutEventId, String status, String recipient,
            String recipientMasked, String customerId, String subject, String body, String detail, int attempts,
            boolean inFlight, Instant attemptedAt, Instant sentAt) {
    }

    public List<Row> deliveries(UUID orderId) {
        return list("SELECT id, channel, about, about_event_id, status, recipient, recipient_masked, customer_id, "
                + "subject, body, detail, attempts, in_flight, attempted_at, sent_at FROM notification.delivery "
                + "WHERE order_id = ? ORDER BY created_at, id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), (UUID) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBoolean(13), instant(rs, 14),
                        instant(rs, 15)),
                orderId);
    }

    public Row delivery(String id) {
        return deliveriesWhere("id = ?", id).stream().findFirst().orElse(null);
    }

    private List<Row> deliveriesWhere(String where, Object value) {
        return list("SELECT id, channel, about, about_event_id, status, recipient, recipient_masked, customer_id, "
                + "subject, body, detail, attempts, in_flight, attempted_at, sent_at FROM notification.delivery "
                + "WHERE " + where,
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), (UUID) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBoolean(13), instant(rs, 14),
                        instant(rs, 15)),
                value);
    }

    /** Waits until the delivery exists and has {@code status}; returns it. */
    public Row awaitStatus(String deliveryId, String status) {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> delivery(deliveryId), d -> d != null && status.equals(d.status()));
    }

    /** Waits until the order has {@code count} deliveries, none of them PENDING or WAITING any more. */
    public List<Row> awaitSettled(UUID orderId, int count) {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(orderId), rows -> rows.size() == count && rows.stream()
                        .allMatch(r -> !r.status().equals("PENDING") && !r.status().equals("WAITING")));
    }

    /** Messages the recording adapter stored for the order's deliveries. */
    public List<String> recordedIds(UUID orderId) {
        return list("SELECT delivery_id FROM notification.recorded_message WHERE delivery_id LIKE ? "
                + "ORDER BY recorded_at", rs -> rs.getString(1), orderId + "/%");
    }

    public List<String> recordedBodies(UUID orderId) {
        return list("SELECT body FROM notification.recorded_message WHERE delivery_id LIKE ? ORDER BY recorded_at",
                rs -> rs.getString(1), orderId + "/%");
    }

    /** NotificationSent events this service added to its outbox for the order. */
    public long outboxEvents(UUID orderId) {
        return list("SELECT count(*) FROM notification.outbox_event WHERE message_key = ?", rs -> rs.getLong(1),
                orderId.toString()).get(0);
    }

    public boolean consumed(UUID eventId) {
        return list("SELECT count(*) FROM notification.inbox_event WHERE event_id = ?", rs -> rs.getLong(1),
                eventId).get(0) > 0;
    }

    /** Waits until the consumer has processed (and committed) the event. */
    public void awaitConsumed(UUID eventId) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> consumed(eventId));
    }

    /** Makes the delivery due now (a test that does not want to wait for a lease). */
    public void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, Mapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
