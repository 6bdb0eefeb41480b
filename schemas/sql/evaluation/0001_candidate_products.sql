-- The evaluation service's own view of registered products and producers,
-- built only from registration events. Later migrations add rule sets,
-- rounds, councils, score sheets, certificates and inspections.

CREATE TABLE producers (
    producer_id     uuid PRIMARY KEY,
    producer_type   text NOT NULL,
    name            text NOT NULL,            -- needed to check councils' conflicts of interest
    commune_code    text NOT NULL,
    version         bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    product_id      uuid PRIMARY KEY,
    code            text NOT NULL,
    name            text NOT NULL,
    producer_id     uuid NOT NULL,
    producer_name   text NOT NULL,
    producer_type   text NOT NULL,
    rule_set        text NOT NULL,
    criteria_set    integer,
    sector          text,
    commune_code    text NOT NULL,
    registry_status text NOT NULL,            -- status in the registry when last heard of
    version         bigint NOT NULL,          -- registration's aggregate version
    last_event_id   text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_producer ON products (producer_id);
