package dev.fanout.order.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;

import io.agroal.api.AgroalDataSource;

/** What order-service has really stored, read with plain SQL: the tests' view of the database. */
@ApplicationScoped
public class OrderStore {

    private final AgroalDataSource dataSource;

    public OrderStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows in orders, order lines, idempotency keys and the outbox: any write shows up here. */
    public record Counts(long orders, long lines, long keys, long outbox) {
    }

    public Counts counts() {
        return new Counts(count("SELECT count(*) FROM orders.customer_order"),
                count("SELECT count(*) FROM orders.order_line"),
                count("SELECT count(*) FROM orders.idempotency_key"),
                count("SELECT count(*) FROM orders.outbox_event"));
    }

    public long unsentEvents() {
        return count("SELECT count(*) FROM orders.outbox_event WHERE sent_at IS NULL");
    }

    public long eventsFor(String orderId) {
        return count("SELECT count(*) FROM orders.outbox_event WHERE message_key = '" + orderId + "'");
    }

    public long ordersWithId(String orderId) {
        return count("SELECT count(*) FROM orders.customer_order WHERE id = '" + orderId + "'");
    }

    /** The given orders' keys in outbox (publish) order. */
    public List<String> outboxOrderOfKeys(List<String> orderIds) {
        List<String> keys = new ArrayList<>();
        query("SELECT message_key FROM orders.outbox_event WHERE message_key = ANY(?) ORDER BY id", orderIds,
                rs -> keys.add(rs.getString(1)));
        return keys;
    }

    /** Ages an idempotency key's record by {@code age}, as if its request had been made that long ago. */
    public void ageIdempotencyKey(String key, Duration age) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE orders.idempotency_key SET created_at = created_at - make_interval(secs => ?) WHERE key = ?")) {
            st.setDouble(1, age.toSeconds());
            st.setString(2, key);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("no idempotency key " + key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the relay has published everything committed so far. */
    public void awaitOutboxDrained() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unsentEvents() == 0);
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<String> param, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            statement.setArray(1, c.createArrayOf("text", param.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
