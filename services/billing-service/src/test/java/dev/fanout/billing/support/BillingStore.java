package dev.fanout.billing.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;

import io.agroal.api.AgroalDataSource;

/** What billing-service (and its simulated gateway) really stored, read with plain SQL: the tests' view. */
@ApplicationScoped
public class BillingStore {

    public static final String CONSUMER = "billing-service/orders.v1";

    private final AgroalDataSource dataSource;

    public BillingStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record PaymentRow(String status, String customerId, String currency, BigDecimal amount,
            String authorizationId, String declineReason, Instant authorizedAt, Instant declinedAt,
            Instant voidedAt, Instant cancelledAt) {
    }

    public record ChargeRow(String outcome, String authorizationId, BigDecimal amount, Instant voidedAt) {
    }

    /** The order's payment row, or null. */
    public PaymentRow payment(UUID orderId) {
        return query("SELECT status, customer_id, currency, amount, authorization_id, decline_reason, authorized_at, "
                + "declined_at, voided_at, cancelled_at FROM billing.payment WHERE order_id = ?", orderId,
                rs -> new PaymentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                        instant(rs, 10)));
    }

    /** The simulated gateway's record for an idempotency key, or null. */
    public ChargeRow gatewayCharge(UUID orderId) {
        return query("SELECT outcome, authorization_id, amount, voided_at FROM billing.simulated_gateway_charge "
                + "WHERE idempotency_key = ?", orderId.toString(),
                rs -> new ChargeRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), instant(rs, 4)));
    }

    public long gatewayCharges(UUID orderId) {
        return query("SELECT count(*) FROM billing.simulated_gateway_charge WHERE idempotency_key = ?",
                orderId.toString(), rs -> rs.getLong(1));
    }

    /** Events billing added to its outbox for the order (sent or not), of one type. */
    public long outboxEvents(UUID orderId, String eventType) {
        return query("SELECT count(*) FROM billing.outbox_event WHERE message_key = ? AND event_type = '" + eventType
                + "'", orderId.toString(), rs -> rs.getLong(1));
    }

    /** Whether the consumer committed its work for this event id (the inbox row commits with it). */
    public boolean processed(UUID eventId) {
        return query("SELECT count(*) FROM billing.inbox_event WHERE consumer = '" + CONSUMER + "' AND event_id = ?",
                eventId, rs -> rs.getLong(1)) == 1;
    }

    public void awaitProcessed(UUID eventId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventId));
    }

    public PaymentRow awaitPayment(UUID orderId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            PaymentRow row = payment(orderId);
            return row != null && row.status().equals(status);
        });
        return payment(orderId);
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Object param, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, param);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? reader.read(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
