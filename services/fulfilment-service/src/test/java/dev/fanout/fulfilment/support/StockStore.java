package dev.fanout.fulfilment.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;

import io.agroal.api.AgroalDataSource;

/**
 * What fulfilment has really stored, read (and, for test SKUs, written) with plain SQL. The database is shared with
 * earlier runs and other tests, so every test works on SKUs and orders of its own.
 */
@ApplicationScoped
public class StockStore {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AgroalDataSource dataSource;

    public StockStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One SKU's numbers. */
    public record Levels(int available, int reserved, int shipped, int initial) {
    }

    /** A new SKU of this test's own, {@code units} in stock, nothing reserved or shipped. */
    public String newSku(String label, int units) {
        String sku = "T-" + label + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        update("INSERT INTO fulfilment.stock_item (sku, name, category, initial_quantity, available) "
                + "VALUES (?, ?, 'test', ?, ?)", sku, "test item " + label, units, units);
        return sku;
    }

    public Levels levels(String sku) {
        return one("SELECT available, reserved, shipped, initial_quantity FROM fulfilment.stock_item WHERE sku = ?",
                rs -> new Levels(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), sku);
    }

    /** The order's reservation status, or null. */
    public String status(UUID orderId) {
        return one("SELECT status FROM fulfilment.reservation WHERE order_id = ?", rs -> rs.getString(1), orderId);
    }

    public String awaitStatus(UUID orderId) {
        return Awaitility.await().atMost(TIMEOUT).until(() -> status(orderId), s -> s != null);
    }

    public void awaitStatus(UUID orderId, String status) {
        Awaitility.await().atMost(TIMEOUT).until(() -> status(orderId), status::equals);
    }

    public long reservations(UUID orderId) {
        return count("SELECT count(*) FROM fulfilment.reservation WHERE order_id = ?", orderId);
    }

    public long shipments(UUID orderId) {
        return count("SELECT count(*) FROM fulfilment.shipment WHERE order_id = ?", orderId);
    }

    /** Events this service added to its outbox for the order (published or not). */
    public List<String> outboxTypes(UUID orderId) {
        return list("SELECT event_type FROM fulfilment.outbox_event WHERE message_key = ? ORDER BY id",
                rs -> rs.getString(1), orderId.toString());
    }

    /** Whether the consumer has processed (and committed) the event with this id. */
    public boolean consumed(UUID eventId) {
        return count("SELECT count(*) FROM fulfilment.inbox_event WHERE event_id = ?", eventId) > 0;
    }

    /** Waits until the event, and so every event of its partition before it, has been processed. */
    public void awaitConsumed(UUID eventId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> consumed(eventId));
    }

    /**
     * Every SKU whose numbers do not add up: negative, not conserved (available + reserved + shipped = initial), or
     * not matching the reservations (reserved = units of RESERVED reservations, shipped = units of DISPATCHED ones).
     * One statement, so one consistent snapshot even while the consumer works.
     */
    public List<String> unbalancedSkus() {
        return list("""
                SELECT s.sku || ': available ' || s.available || ', reserved ' || s.reserved || ' (held '
                       || coalesce(h.reserved, 0) || '), shipped ' || s.shipped || ' (dispatched '
                       || coalesce(h.shipped, 0) || '), initial ' || s.initial_quantity
                FROM fulfilment.stock_item s
                LEFT JOIN (SELECT l.sku,
                                  sum(l.quantity) FILTER (WHERE r.status = 'RESERVED') AS reserved,
                                  sum(l.quantity) FILTER (WHERE r.status = 'DISPATCHED') AS shipped
                           FROM fulfilment.reservation r
                           JOIN fulfilment.reservation_line l ON l.order_id = r.order_id
                           GROUP BY l.sku) h ON h.sku = s.sku
                WHERE s.available < 0 OR s.reserved < 0 OR s.shipped < 0
                   OR s.available + s.reserved + s.shipped <> s.initial_quantity
                   OR s.reserved <> coalesce(h.reserved, 0) OR s.shipped <> coalesce(h.shipped, 0)
                """, rs -> rs.getString(1));
    }

    public long skus() {
        return count("SELECT count(*) FROM fulfilment.stock_item");
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private long count(String sql, Object... params) {
        Long n = one(sql, rs -> rs.getLong(1), params);
        return n == null ? 0 : n;
    }

    private <T> T one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = prepare(c, sql, params);
                ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = prepare(c, sql, params)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
