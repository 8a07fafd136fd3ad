-- Stock as fulfilment-service owns it. Nobody else reads these tables: other services learn about stock from
-- inventory.v1 and shipments.v1 events.

-- One row per SKU. Every unit the warehouse ever received (initial_quantity: the seed plus restocks) is in exactly
-- one of three places: on the shelf (available), set aside for an order that is not confirmed yet (reserved), or
-- gone to a customer (shipped). The CHECKs make PostgreSQL refuse any write that would break that.
CREATE TABLE stock_item (
    sku              text        PRIMARY KEY,
    name             text        NOT NULL,
    category         text        NOT NULL,
    initial_quantity integer     NOT NULL,
    available        integer     NOT NULL,
    reserved         integer     NOT NULL DEFAULT 0,
    shipped          integer     NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stock_item_initial_not_negative CHECK (initial_quantity >= 0),
    CONSTRAINT stock_item_available_not_negative CHECK (available >= 0),
    CONSTRAINT stock_item_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT stock_item_shipped_not_negative CHECK (shipped >= 0),
    CONSTRAINT stock_item_conserved CHECK (available::bigint + reserved + shipped = initial_quantity)
);

-- What fulfilment decided for one order (one row per order id, whatever arrived first):
--   RESERVED    every line is set aside (StockReserved was published)
--   REJECTED    nothing was set aside: a SKU was short or unknown (StockRejected)
--   CANCELLED   OrderRejected came before any OrderPlaced (a tombstone): a later OrderPlaced is refused with
--               ORDER_CANCELLED instead of reserving stock for an order that is already rejected
--   RELEASED    the order was rejected after its stock was reserved; the stock went back to available
--   DISPATCHED  the order was confirmed; its stock was shipped (see shipment)
CREATE TABLE reservation (
    order_id          uuid        PRIMARY KEY,
    status            text        NOT NULL
        CHECK (status IN ('RESERVED', 'REJECTED', 'CANCELLED', 'RELEASED', 'DISPATCHED')),
    -- why stock was refused (OUT_OF_STOCK, UNKNOWN_SKU, ORDER_CANCELLED) and a sentence for humans
    rejection_code    text,
    rejection_message text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0,
    CONSTRAINT reservation_rejected_has_code CHECK (status <> 'REJECTED' OR rejection_code IS NOT NULL)
);

-- The order's demand, one line per SKU (quantities of one SKU on several order lines are summed): what was set
-- aside for RESERVED/RELEASED/DISPATCHED, what was asked for REJECTED (unknown SKUs included), nothing for a
-- tombstone until its late OrderPlaced arrives.
CREATE TABLE reservation_line (
    order_id uuid    NOT NULL REFERENCES reservation (order_id) ON DELETE CASCADE,
    line_no  integer NOT NULL,
    sku      text    NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT reservation_line_one_per_sku UNIQUE (order_id, sku)
);
-- "which orders hold this SKU" (operators, the conservation check of the tests)
CREATE INDEX reservation_line_by_sku ON reservation_line (sku);

-- A dispatched order: at most one shipment per order.
CREATE TABLE shipment (
    id              text        PRIMARY KEY,
    order_id        uuid        NOT NULL UNIQUE REFERENCES reservation (order_id),
    carrier         text        NOT NULL,
    tracking_number text        NOT NULL,
    dispatched_at   timestamptz NOT NULL
);
