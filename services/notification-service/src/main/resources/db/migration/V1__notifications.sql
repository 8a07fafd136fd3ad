-- notification-service: what customers want, and every message about every order event (schema notification).

-- A customer's stored contact preferences. No row: email to <customer id>@<default domain>, no SMS.
CREATE TABLE contact_preference (
    customer_id   text        PRIMARY KEY,
    email         text        CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    phone         text        CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{7,14}$'),
    email_opt_out boolean     NOT NULL DEFAULT false,
    sms_opt_out   boolean     NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One message about one order event on one channel. The id is deterministic, <order id>/<ce_type>/<CHANNEL>, so an
-- order step is planned at most once per channel whatever is redelivered, re-published or replayed.
CREATE TABLE delivery (
    id               text        PRIMARY KEY,
    order_id         uuid        NOT NULL,
    about            text        NOT NULL,
    about_event_id   uuid        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    customer_id      text,
    recipient        text,
    recipient_masked text,
    subject          text,
    body             text        NOT NULL,
    html_body        text,
    status           text        NOT NULL CHECK (status IN ('WAITING', 'PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    detail           text,
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    in_flight        boolean     NOT NULL DEFAULT false,
    attempted_at     timestamptz,
    next_attempt_at  timestamptz,
    occurred_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    provider_id      text,
    CONSTRAINT delivery_once_per_order_step UNIQUE (order_id, about, channel),
    CONSTRAINT delivery_id_is_order_step CHECK (id = order_id::text || '/' || about || '/' || channel),
    -- something to send to, and a due time, whenever it is to be sent
    CONSTRAINT delivery_pending_addressed CHECK (status <> 'PENDING'
        OR (recipient IS NOT NULL AND customer_id IS NOT NULL AND next_attempt_at IS NOT NULL)),
    CONSTRAINT delivery_sent_stamped CHECK (status <> 'SENT' OR (sent_at IS NOT NULL AND recipient IS NOT NULL)),
    CONSTRAINT delivery_in_flight_pending CHECK (NOT in_flight OR status = 'PENDING')
);

-- GET /notifications?orderId=, and the planner's look at an order
CREATE INDEX delivery_order ON delivery (order_id, created_at);
-- the dispatcher's only question: what is due
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
-- the gauges: what is open
CREATE INDEX delivery_open ON delivery (status, created_at) WHERE status IN ('WAITING', 'PENDING', 'FAILED');
-- the cleaner: finished deliveries past the retention
CREATE INDEX delivery_finished ON delivery (updated_at) WHERE status IN ('SENT', 'SKIPPED', 'FAILED');

-- What the recording adapter "sent": at most one row per delivery.
CREATE TABLE recorded_message (
    delivery_id text        PRIMARY KEY,
    channel     text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    recipient   text        NOT NULL,
    subject     text,
    body        text        NOT NULL,
    html_body   text,
    message_id  text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX recorded_message_recorded ON recorded_message (recorded_at);
