-- The audit trail: every event analytics-service sees, as it arrived, once (deduplicated by event id), written in
-- the consumer's transaction. Append-only: rows are never updated; only the retention job deletes old ones.
CREATE TABLE audit_event (
    id              bigserial   PRIMARY KEY,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    source          text,
    subject         text,
    message_key     text,
    -- the order the event is about: the record key when it is a UUID, else the payload's orderId
    order_id        uuid        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    -- ce_time (when the producer says it happened), else the payload's business time
    event_time      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    -- the body exactly as it arrived, unknown fields included
    payload         jsonb       NOT NULL,
    CONSTRAINT audit_event_event_id UNIQUE (event_id)
);

-- GET /audit/orders/{id}: one order's history, in event time order (topic, partition, offset break ties)
CREATE INDEX audit_event_order ON audit_event (order_id, event_time, topic, kafka_partition, kafka_offset);
-- the retention job's only question
CREATE INDEX audit_event_recorded ON audit_event (recorded_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
