-- The idempotent inbox of every Fanout consumer (service-kit): one row per (consumer, event id) it acted on,
-- written in the same transaction as the side effect. Repeatable and additive, like the outbox.
CREATE TABLE IF NOT EXISTS inbox_event (
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX IF NOT EXISTS inbox_event_received ON inbox_event (received_at);
