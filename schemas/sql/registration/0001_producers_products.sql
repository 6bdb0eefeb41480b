-- Producers (chủ thể OCOP) and their products: the start of the OCOP cycle.

CREATE TABLE producers (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    producer_type   text NOT NULL CHECK (producer_type IN
                        ('enterprise', 'cooperative', 'cooperative_group', 'household')),
    name            text NOT NULL,
    identifier      text NOT NULL,          -- enterprise/cooperative code, household code, ...
    representative  text NOT NULL,          -- legal representative
    commune_code    text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
    address         text,
    phone           text,
    email           text,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT producers_identifier_key UNIQUE (identifier)
);

CREATE SEQUENCE product_code_seq;

CREATE TABLE products (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code            text NOT NULL,
    producer_id     uuid NOT NULL REFERENCES producers (id),
    name            text NOT NULL,
    description     text,
    rule_set        text NOT NULL CHECK (rule_set IN ('qd148-2023', 'qd1048-2019')),
    criteria_set    integer CHECK (criteria_set BETWEEN 1 AND 26),
    sector          text,                   -- QĐ 148 sector (I..VI); NULL for 1048 products
    legacy_group    text,                   -- QĐ 1048 classification, kept for old products
    commune_code    text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
    status          text NOT NULL DEFAULT 'registered',
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT products_code_key UNIQUE (code),
    CONSTRAINT products_classified CHECK (
        (rule_set = 'qd148-2023' AND criteria_set IS NOT NULL AND sector IS NOT NULL)
        OR (rule_set = 'qd1048-2019' AND legacy_group IS NOT NULL))
);

CREATE INDEX products_page ON products (created_at DESC, id DESC);
CREATE INDEX products_producer ON products (producer_id, created_at DESC, id DESC);
