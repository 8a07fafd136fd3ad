-- The saga's memory: what billing and fulfilment answered (in whatever order), why an order was rejected, how it
-- shipped. Written only by order-service's consumers of payments.v1, inventory.v1 and shipments.v1.
ALTER TABLE customer_order
    ADD COLUMN payment_status    text NOT NULL DEFAULT 'PENDING' CHECK (payment_status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    ADD COLUMN authorization_id  text,
    ADD COLUMN stock_status      text NOT NULL DEFAULT 'PENDING' CHECK (stock_status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    ADD COLUMN rejection_stage   text,
    ADD COLUMN rejection_code    text,
    ADD COLUMN rejection_message text,
    ADD COLUMN confirmed_at      timestamptz,
    ADD COLUMN rejected_at       timestamptz,
    ADD COLUMN shipment_id       text,
    ADD COLUMN carrier           text,
    ADD COLUMN tracking_number   text,
    ADD COLUMN shipped_at        timestamptz;
