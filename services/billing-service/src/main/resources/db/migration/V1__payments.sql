-- Payments as billing-service owns them: one row per order billing has heard of, keyed by the order id, so an
-- order can never hold two payments. Nobody else reads these tables: other services learn about payments from
-- payments.v1 events.
--
--   AUTHORIZED  the gateway holds the order's amount (authorization_id)
--   DECLINED    the gateway refused (decline_reason: CARD_DECLINED, LIMIT_EXCEEDED, ...), or the order had been
--               rejected before billing saw it placed (ORDER_CANCELLED)
--   VOIDED      was AUTHORIZED; the order was rejected, the hold released
--   CANCELLED   tombstone: the order was rejected before billing saw it placed; a later OrderPlaced is declined
CREATE TABLE payment (
    order_id         uuid        PRIMARY KEY,
    customer_id      text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'VOIDED', 'CANCELLED')),
    -- exactly what OrderPlaced asked for (numeric without a scale keeps 33.99 as 33.99 and 1200 as 1200)
    currency         char(3),
    amount           numeric     CHECK (amount >= 0),
    authorization_id text        UNIQUE,
    decline_reason   text,
    decline_message  text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    authorized_at    timestamptz,
    declined_at      timestamptz,
    voided_at        timestamptz,
    cancelled_at     timestamptz,
    version          bigint      NOT NULL,
    -- only a tombstone may not know what the order was worth
    CONSTRAINT payment_charge_known CHECK (status = 'CANCELLED' OR (currency IS NOT NULL AND amount IS NOT NULL)),
    -- an authorization id exactly when the gateway holds (or held) money
    CONSTRAINT payment_authorization_known CHECK ((status IN ('AUTHORIZED', 'VOIDED')) = (authorization_id IS NOT NULL)),
    CONSTRAINT payment_decline_explained CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL)
);
-- operators: "what did billing do for this customer"
CREATE INDEX payment_by_customer ON payment (customer_id, created_at DESC);

-- The simulated payment gateway's own memory. In production this state lives at the payment provider, outside
-- billing's database and transactions; the simulator keeps it here but writes it in its own transactions (never the
-- consumer's), and billing code reads it only through the PaymentGateway port. One row per idempotency key (billing
-- uses the order id): asking again with the same key returns the first answer, so a crash between the gateway call
-- and billing's commit never charges twice.
CREATE TABLE simulated_gateway_charge (
    idempotency_key  text        PRIMARY KEY,
    customer_id      text        NOT NULL,
    currency         char(3)     NOT NULL,
    amount           numeric     NOT NULL CHECK (amount >= 0),
    outcome          text        NOT NULL CHECK (outcome IN ('APPROVED', 'DECLINED')),
    authorization_id text        UNIQUE,
    decline_code     text,
    decline_message  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    voided_at        timestamptz,
    CONSTRAINT simulated_gateway_charge_outcome CHECK ((outcome = 'APPROVED') = (authorization_id IS NOT NULL)),
    CONSTRAINT simulated_gateway_charge_void CHECK (voided_at IS NULL OR outcome = 'APPROVED')
);
