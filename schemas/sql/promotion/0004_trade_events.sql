-- Trade-promotion events (fairs, exhibitions, B2B matching sessions, online
-- campaigns, conferences) and the products taking part in them.

CREATE TABLE trade_events (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type            text NOT NULL CHECK (type IN ('fair', 'exhibition', 'b2b_matching',
                                                  'online_campaign', 'conference')),
    name            text NOT NULL,
    starts_on       date NOT NULL,
    ends_on         date NOT NULL CHECK (ends_on >= starts_on),
    venue           text,                   -- the place, when it has one
    platform        text,                   -- the online platform, when it has one
    commune_code    text CHECK (commune_code ~ '^[0-9]{5}$'),
    organiser       text NOT NULL,
    budget_vnd      bigint CHECK (budget_vnd >= 0),
    status          text NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'open', 'closed', 'cancelled')),
    notes           text,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (venue IS NOT NULL OR platform IS NOT NULL)
);
CREATE INDEX trade_events_page ON trade_events (starts_on DESC, id DESC);

-- A product in an event: its booth, the support paid, the outcome, its status.
CREATE TABLE participations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id        uuid NOT NULL REFERENCES trade_events (id),
    product_id      uuid NOT NULL REFERENCES products (product_id),
    booth           text,
    support_vnd     bigint CHECK (support_vnd >= 0),
    sales_vnd       bigint CHECK (sales_vnd >= 0),
    contracts_signed integer CHECK (contracts_signed >= 0),
    contracts_value_vnd bigint CHECK (contracts_value_vnd >= 0),
    status          text NOT NULL DEFAULT 'registered'
                    CHECK (status IN ('registered', 'attended', 'withdrawn')),
    status_reason   text,
    cause_event_id  text,                   -- set when a consumed event withdrew it
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- A product takes part in an event once (a withdrawn entry may be followed by a new one).
CREATE UNIQUE INDEX participations_once ON participations (event_id, product_id)
    WHERE status <> 'withdrawn';
CREATE INDEX participations_product ON participations (product_id, status);
CREATE INDEX participations_page ON participations (created_at DESC, id DESC);
