-- The transactional outbox of every Fanout service (service-kit). A repeatable migration, written to be re-run:
-- it lives in the service's own schema, beside its business tables, and evolves additively (IF NOT EXISTS).
--
-- A business write and its event rows commit in one transaction; the relay publishes unsent rows in id order and
-- stamps sent_at only after the broker acknowledged them.
CREATE TABLE IF NOT EXISTS outbox_event (
    id           bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    event_type   text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    source       text        NOT NULL,
    subject      text,
    occurred_at  timestamptz NOT NULL,
    payload      text        NOT NULL,
    trace_parent text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);

-- the relay's only question: what is unsent, oldest first
CREATE INDEX IF NOT EXISTS outbox_event_unsent ON outbox_event (id) WHERE sent_at IS NULL;
-- the cleaner's only question: what was sent long enough ago
CREATE INDEX IF NOT EXISTS outbox_event_sent ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
