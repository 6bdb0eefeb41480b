-- The notification service's read model, fed by events: what it needs to
-- address mail to a product's producer and to answer the public about a
-- certificate. No personal data: a household producer's name (a person's
-- name) is never kept, only an organisation's registered name.

CREATE TABLE producers (
    producer_id uuid PRIMARY KEY,
    type text NOT NULL,
    public_name text,               -- NULL for households and unknown types
    commune_code text NOT NULL,
    version bigint NOT NULL         -- 0: known only from a product event so far
);

CREATE TABLE products (
    product_id uuid PRIMARY KEY,
    code text NOT NULL,
    name text NOT NULL,
    producer_id uuid NOT NULL,
    sector text,
    commune_code text NOT NULL,
    status text NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX products_producer ON products (producer_id);

CREATE TABLE certificates (
    certificate_id uuid PRIMARY KEY,
    number text NOT NULL UNIQUE,
    product_id uuid NOT NULL,
    product_code text NOT NULL,
    stars integer NOT NULL CHECK (stars BETWEEN 3 AND 5),
    status text NOT NULL CHECK (status IN ('valid', 'expiring', 'suspended', 'revoked',
                                           'expired', 'superseded')),
    rule_set text NOT NULL,
    level text NOT NULL CHECK (level IN ('district', 'province', 'central')),
    decision_number text NOT NULL,
    issued_on date NOT NULL,
    expires_on date NOT NULL,
    version bigint NOT NULL,
    reason text,                    -- why its status last changed (status_changed), or NULL
    change_decision text,           -- the decision that changed it, or NULL
    changed_on date,                -- when its status last changed, or NULL
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificates_product ON certificates (product_id);
