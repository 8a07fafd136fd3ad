-- Orders as order-service owns them. Nobody else reads these tables: other services learn about orders from
-- orders.v1 events.
CREATE TABLE customer_order (
    id          uuid           PRIMARY KEY,
    customer_id text           NOT NULL,
    status      text           NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED')),
    currency    char(3)        NOT NULL,
    total       numeric(14, 2) NOT NULL CHECK (total >= 0),
    placed_at   timestamptz    NOT NULL,
    updated_at  timestamptz    NOT NULL,
    version     bigint         NOT NULL
);
-- GET /customers/{id}/orders (most recent first) falls back to this when Redis has nothing
CREATE INDEX customer_order_by_customer ON customer_order (customer_id, placed_at DESC);

CREATE TABLE order_line (
    order_id   uuid           NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no    integer        NOT NULL,
    sku        text           NOT NULL,
    quantity   integer        NOT NULL CHECK (quantity > 0),
    unit_price numeric(14, 2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- POST /orders with an Idempotency-Key: the first request's fingerprint and the order it created
CREATE TABLE idempotency_key (
    key          text        PRIMARY KEY,
    request_hash text        NOT NULL,
    order_id     uuid        NOT NULL REFERENCES customer_order (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
