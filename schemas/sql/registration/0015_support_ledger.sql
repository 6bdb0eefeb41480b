-- The support ledger (sổ theo dõi hỗ trợ, issue 14, step 4 of the OCOP
-- cycle): every payment of state support to a producer, and for the kinds paid
-- per product to one of its products, under the support policy version in
-- force on the day it was paid (schemas/reference/support-policies/, loaded
-- into memory at start; policy_id names the file). Payments are never edited:
-- a wrong one is cancelled (status cancelled, with its reason) and no longer
-- counts towards caps or totals. The caps themselves are checked by the
-- service (services/registration/support.c) under a lock of the producer's
-- row (and, with a province-wide cap, a lock of the year); nothing else
-- writes this table.
--
-- A trademark support request's own support_amount_vnd (migration 0005) is
-- the amount agreed for it and is not counted here: only payments of kind
-- trademark that name it (trademark_id) are, so the ledger counts it once.

CREATE TABLE support_payments (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    policy_id           text NOT NULL CHECK (policy_id ~ '^[a-z0-9-]{3,64}$'),
    policy_confirmed    boolean NOT NULL,       -- the policy's provenance.confirmed when paid
    producer_id         uuid NOT NULL REFERENCES producers (id),
    product_id          uuid REFERENCES products (id),
    kind                text NOT NULL CHECK (kind ~ '^[a-z0-9_]{2,40}$'),
    amount_vnd          bigint NOT NULL CHECK (amount_vnd > 0),
    eligible_cost_vnd   bigint CHECK (eligible_cost_vnd > 0),
    paid_on             date NOT NULL,
    commune_code        text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
                                                -- the producer's commune when paid, resolved
                                                -- to the unit in force that day
    decision_number     text NOT NULL,          -- số quyết định hỗ trợ
    business_plan_id    uuid,                   -- the approved business plan (no FK: its table
                                                -- comes with the business plans)
    trademark_id        uuid REFERENCES trademarks (id),
    note                text,
    status              text NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'cancelled')),
    cancel_reason       text,
    cancelled_at        timestamptz,
    cancelled_by        text,                   -- the token's subject
    recorded_by         text NOT NULL,          -- the token's subject
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT support_payments_trademark CHECK ((kind = 'trademark') = (trademark_id IS NOT NULL)),
    CONSTRAINT support_payments_share CHECK (eligible_cost_vnd IS NULL OR amount_vnd <= eligible_cost_vnd),
    CONSTRAINT support_payments_cancelled CHECK (
        (status = 'paid' AND cancel_reason IS NULL AND cancelled_at IS NULL)
        OR (status = 'cancelled' AND cancel_reason IS NOT NULL AND cancelled_at IS NOT NULL))
);
CREATE INDEX support_payments_producer ON support_payments (producer_id, kind) WHERE status = 'paid';
CREATE INDEX support_payments_product ON support_payments (product_id, kind) WHERE status = 'paid';
CREATE INDEX support_payments_paid_on ON support_payments (paid_on);
CREATE INDEX support_payments_commune ON support_payments (commune_code, paid_on) WHERE status = 'paid';
CREATE INDEX support_payments_trademark ON support_payments (trademark_id) WHERE trademark_id IS NOT NULL;
CREATE INDEX support_payments_created ON support_payments (created_at, id);
