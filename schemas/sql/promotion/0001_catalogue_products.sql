-- The promotion service's own view of products, built only from events.
-- Household producers are natural persons: their names are kept out of
-- public_name so the public catalogue never shows personal data.

CREATE TABLE products (
    product_id      uuid PRIMARY KEY,
    code            text NOT NULL,
    name            text NOT NULL,
    producer_id     uuid NOT NULL,
    producer_type   text NOT NULL,
    producer_public_name text,                -- NULL for household producers
    sector          text,
    criteria_set    integer,
    commune_code    text NOT NULL,
    version         bigint NOT NULL,          -- registration's aggregate version
    source_event_id text NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_commune ON products (commune_code);
