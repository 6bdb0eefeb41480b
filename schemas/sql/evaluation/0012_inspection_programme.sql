-- The inspection programme (issue 14): several outcomes per inspection,
-- guidance follow-ups, the yearly inspection plan and market findings of
-- products that show the OCOP mark without a certificate. The rules are in
-- services/evaluation/inspection.h, inspection_plan.h and market_finding.h;
-- the CHECKs below repeat what they need so that no other writer can store
-- a record the rules would refuse.

-- 1. Several outcomes at once. `outcome` stays: the most severe of
-- `outcomes` in the order revocation > suspension > recall > fine >
-- guidance > compliant. The per-outcome CHECK of 0006 allowed one outcome
-- only; it is replaced by one rule per outcome in the set.
ALTER TABLE inspections ADD COLUMN outcomes text[];
UPDATE inspections SET outcomes = ARRAY[outcome];
ALTER TABLE inspections
    ALTER COLUMN outcomes SET NOT NULL,
    DROP CONSTRAINT inspections_by_outcome,
    ADD CONSTRAINT inspections_outcomes CHECK (
        cardinality(outcomes) BETWEEN 1 AND 5
        AND outcomes <@ ARRAY['compliant', 'guidance', 'fine', 'recall', 'suspension',
                              'revocation']
        AND outcome = outcomes[1]
        AND (NOT 'compliant' = ANY (outcomes) OR cardinality(outcomes) = 1)
        AND NOT ('suspension' = ANY (outcomes) AND 'revocation' = ANY (outcomes))),
    ADD CONSTRAINT inspections_by_outcomes CHECK (
        ('guidance' = ANY (outcomes)) <= (fix_deadline IS NOT NULL)
        AND ('fine' = ANY (outcomes)) = (fine_amount_vnd IS NOT NULL)
        AND ('fine' = ANY (outcomes)) = (fine_decision_number IS NOT NULL)
        AND ('recall' = ANY (outcomes)) = (recall_notice IS NOT NULL)
        AND ('suspension' = ANY (outcomes) OR 'revocation' = ANY (outcomes))
            = (decision_number IS NOT NULL AND grounds IS NOT NULL)
        AND (NOT 'suspension' = ANY (outcomes) OR certificate_status_after = 'suspended')
        AND (NOT 'revocation' = ANY (outcomes) OR certificate_status_after = 'revoked')
        AND (NOT 'compliant' = ANY (outcomes) OR fix_deadline IS NULL));

-- 2. Guidance follow-ups. An inspection with guidance opens a follow-up due
-- on its fix_deadline; a later inspection of the same product naming it in
-- follows_up closes it (closed_by, closed_on = that inspection's
-- inspected_on). The daily job sets follow_up_overdue_on (the day it found
-- it overdue) once and emits ocop.evaluation.inspection.follow_up_overdue.v1
-- in the same transaction. Whether one is due or overdue on a given day is
-- read against the service's clock, not stored.
ALTER TABLE inspections
    ADD COLUMN follows_up uuid REFERENCES inspections,
    ADD COLUMN follow_up_due_on date,
    ADD COLUMN follow_up_closed_by uuid REFERENCES inspections,
    ADD COLUMN follow_up_closed_on date,
    ADD COLUMN follow_up_overdue_on date;
-- the inspections with guidance recorded before open their follow-up now
UPDATE inspections SET follow_up_due_on = fix_deadline WHERE 'guidance' = ANY (outcomes);
ALTER TABLE inspections
    ADD CONSTRAINT inspections_follow_up CHECK (
        ('guidance' = ANY (outcomes)) = (follow_up_due_on IS NOT NULL)
        AND (follow_up_due_on IS NULL OR follow_up_due_on = fix_deadline)
        AND (follow_up_closed_by IS NULL) = (follow_up_closed_on IS NULL)
        AND (follow_up_due_on IS NOT NULL OR follow_up_closed_by IS NULL)
        AND (follow_up_overdue_on IS NULL OR follow_up_overdue_on > follow_up_due_on));
CREATE INDEX inspections_follow_up_open ON inspections (follow_up_due_on)
    WHERE follow_up_due_on IS NOT NULL AND follow_up_closed_by IS NULL;
CREATE UNIQUE INDEX inspections_follows_up ON inspections (follows_up);
CREATE INDEX inspections_inspected_on ON inspections (inspected_on);

-- 3. The yearly inspection plan: what is to be inspected (a certified
-- product, or a producer's facility), in which window of the year, by whom,
-- where and how. Whether an item is done or missed is read from the
-- inspections against the service's clock, not stored; only a cancellation
-- is.
CREATE TABLE inspection_plan_items (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    product_id        uuid REFERENCES products (product_id),
    producer_id       uuid REFERENCES producers (producer_id),
    planned_from      date NOT NULL,
    planned_to        date NOT NULL,
    inspecting_body   text NOT NULL,
    place             text NOT NULL CHECK (place IN ('facility', 'market')),
    kind              text NOT NULL CHECK (kind IN ('periodic', 'surprise')),
    note              text,
    cancelled         boolean NOT NULL DEFAULT false,
    cancelled_reason  text,
    actor             text NOT NULL,
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inspection_plan_items_target CHECK ((product_id IS NULL) <> (producer_id IS NULL)),
    CONSTRAINT inspection_plan_items_window CHECK (
        planned_from <= planned_to
        AND extract(year FROM planned_from) = year AND extract(year FROM planned_to) = year),
    CONSTRAINT inspection_plan_items_cancel CHECK (cancelled = (cancelled_reason IS NOT NULL))
);
CREATE INDEX inspection_plan_items_page ON inspection_plan_items (year, created_at, id);

-- 5. Market findings: a product seen on the market showing the OCOP mark or
-- stars it has no certificate for. The producer's name is as printed on the
-- product (an enterprise misusing the mark), kept and announced as found.
CREATE TABLE market_findings (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    found_on          date NOT NULL,
    place             text NOT NULL,
    commune_code      text CHECK (commune_code ~ '^[0-9]{5}$'),
    product_name      text NOT NULL,
    producer_name     text NOT NULL,
    ocop_mark_shown   boolean NOT NULL,
    stars_claimed     smallint CHECK (stars_claimed BETWEEN 1 AND 5),
    shown_note        text,
    product_id        uuid REFERENCES products (product_id),
    evidence_notes    text NOT NULL,
    photo_reference   text,
    action_taken      text NOT NULL,
    inspecting_body   text NOT NULL,
    actor             text NOT NULL,
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT market_findings_shown CHECK (ocop_mark_shown OR stars_claimed IS NOT NULL)
);
CREATE INDEX market_findings_page ON market_findings (created_at DESC, id DESC);
