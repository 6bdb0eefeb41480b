-- The OCOP cycle before the dossier (issue 14; domain §3, steps 2 and 3): a
-- producer registers a product idea at the commune (form 1: a new product,
-- form 2: an existing one), the commune screens it; a business plan
-- (phương án sản xuất kinh doanh) is then submitted for an accepted idea and
-- approved or returned. An application may name the idea and the plan it
-- rests on. Every move and every change of a plan's key figures is kept.

CREATE TABLE ideas (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    producer_id     uuid NOT NULL REFERENCES producers (id),
    form            text NOT NULL CHECK (form IN ('new_product', 'existing_product')),
    product_id      uuid REFERENCES products (id),  -- required for an existing product
    name            text NOT NULL,
    description     text,
    sector          text,                   -- QĐ 148 sector (I..VI) when given
    criteria_set    integer CHECK (criteria_set BETWEEN 1 AND 26), -- QĐ 148 product group, in sector
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    status          text NOT NULL DEFAULT 'submitted'
                    CHECK (status IN ('submitted', 'accepted', 'returned')),
    returned_on     date,                   -- the day of the latest return (resubmission window)
    accepted_on     date,                   -- the day it was accepted (statistics)
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (form = 'new_product' OR product_id IS NOT NULL)
);
CREATE INDEX ideas_page ON ideas (created_at DESC, id DESC);
CREATE INDEX ideas_producer ON ideas (producer_id);
CREATE INDEX ideas_product ON ideas (product_id);
CREATE INDEX ideas_accepted ON ideas (accepted_on) WHERE status = 'accepted';

-- Who moved or changed an idea, when and why. Append-only.
CREATE TABLE idea_history (
    id              bigserial PRIMARY KEY,
    idea_id         uuid NOT NULL REFERENCES ideas (id),
    kind            text NOT NULL CHECK (kind IN ('moved', 'changed')),
    from_status     text,                   -- moved: the status before (NULL when registered)
    to_status       text,                   -- moved: the status after
    reasons         jsonb,                  -- moved to returned: the reasons (1..20 strings)
    changes         jsonb,                  -- changed: {member: {"from", "to"}}
    actor_role      text NOT NULL,
    actor           text NOT NULL,          -- the token's subject
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idea_history_idea ON idea_history (idea_id, id);

CREATE TABLE business_plans (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    idea_id                 uuid NOT NULL REFERENCES ideas (id),
    document_title          text NOT NULL,
    document_url            text CHECK (document_url LIKE 'https://%'),
    document_id             uuid,
    investment_vnd          bigint NOT NULL CHECK (investment_vnd >= 0),
    capacity_value          numeric NOT NULL CHECK (capacity_value > 0),
    capacity_unit           text NOT NULL,
    expected_revenue_vnd    bigint NOT NULL CHECK (expected_revenue_vnd >= 0),
    labour                  integer NOT NULL CHECK (labour >= 0),
    status                  text NOT NULL DEFAULT 'submitted'
                            CHECK (status IN ('submitted', 'approved', 'returned')),
    approved_on             date,           -- the day it was approved (statistics)
    version                 bigint NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((document_url IS NULL) <> (document_id IS NULL))
);
CREATE INDEX business_plans_page ON business_plans (created_at DESC, id DESC);
CREATE INDEX business_plans_idea ON business_plans (idea_id);
CREATE INDEX business_plans_approved ON business_plans (approved_on) WHERE status = 'approved';

-- Who moved a plan or changed its key figures, when and why. Append-only.
CREATE TABLE business_plan_history (
    id              bigserial PRIMARY KEY,
    business_plan_id uuid NOT NULL REFERENCES business_plans (id),
    kind            text NOT NULL CHECK (kind IN ('moved', 'changed')),
    from_status     text,
    to_status       text,
    reasons         jsonb,
    changes         jsonb,                  -- changed: {member: {"from", "to"}}
    actor_role      text NOT NULL,
    actor           text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX business_plan_history_plan ON business_plan_history (business_plan_id, id);

-- The idea and business plan a dossier rests on; both optional (products that
-- entered before the platform have neither).
ALTER TABLE applications ADD COLUMN idea_id uuid REFERENCES ideas (id);
ALTER TABLE applications ADD COLUMN business_plan_id uuid REFERENCES business_plans (id);
