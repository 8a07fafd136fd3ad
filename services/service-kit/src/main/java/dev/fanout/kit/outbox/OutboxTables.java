package dev.fanout.kit.outbox;

/** Schema-qualified names for the kit's own SQL (the services' Hibernate mappings get theirs from config). */
final class OutboxTables {

    private OutboxTables() {
    }

    static String qualified(String schema, String table) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("fanout.outbox.schema must be a plain lower-case identifier: " + schema);
        }
        return schema + "." + table;
    }
}
