-- Post-certification quality inspections (hậu kiểm, domain §5): periodic or
-- surprise checks of a certified product at its facility or on samples
-- bought on the market, with findings by category, lab results and one
-- outcome. A suspension or revocation changes the certificate in the same
-- transaction (certificate_status_changes names the inspection as cause).
-- The outcome rules are in services/evaluation/inspection.h; the CHECKs below
-- repeat what each outcome needs so that no other writer can store a record
-- the rules would refuse. Inspections are never changed once recorded.

CREATE TABLE inspections (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id           uuid NOT NULL REFERENCES products (product_id),
    certificate_id       uuid NOT NULL REFERENCES certificates,
    kind                 text NOT NULL CHECK (kind IN ('periodic', 'surprise')),
    place                text NOT NULL CHECK (place IN ('facility', 'market')),
    inspecting_body      text NOT NULL,
    inspected_on         date NOT NULL,
    findings             jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array'
                                               AND jsonb_array_length(findings) BETWEEN 1 AND 8),
    lab_results          jsonb NOT NULL CHECK (jsonb_typeof(lab_results) = 'array'),
    failed_findings      integer NOT NULL CHECK (failed_findings >= 0),
    failed_lab_results   integer NOT NULL CHECK (failed_lab_results >= 0),
    outcome              text NOT NULL CHECK (outcome IN ('compliant', 'guidance', 'fine', 'recall',
                                                          'suspension', 'revocation')),
    fix_deadline         date,
    fine_amount_vnd      bigint CHECK (fine_amount_vnd > 0),
    fine_decision_number text,
    recall_notice        text,                  -- to consumers and distributors
    decision_number      text,                  -- suspension or revocation decision
    decided_on           date,
    grounds              text,
    reason               text,
    certificate_status_before text NOT NULL,
    certificate_status_after  text NOT NULL,
    notes                text,
    actor                text NOT NULL,
    version              bigint NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inspections_fix_deadline CHECK (fix_deadline IS NULL OR fix_deadline > inspected_on),
    CONSTRAINT inspections_decided_on CHECK (decided_on IS NULL OR decided_on >= inspected_on),
    CONSTRAINT inspections_failures CHECK (
        (outcome = 'compliant') = (failed_findings = 0 AND failed_lab_results = 0)),
    CONSTRAINT inspections_by_outcome CHECK (
        (outcome = 'compliant' AND fix_deadline IS NULL AND fine_amount_vnd IS NULL
            AND recall_notice IS NULL AND decision_number IS NULL)
        OR (outcome = 'guidance' AND fix_deadline IS NOT NULL AND fine_amount_vnd IS NULL
            AND recall_notice IS NULL AND decision_number IS NULL)
        OR (outcome = 'fine' AND fine_amount_vnd IS NOT NULL AND fine_decision_number IS NOT NULL
            AND recall_notice IS NULL AND decision_number IS NULL)
        OR (outcome = 'recall' AND recall_notice IS NOT NULL AND fine_amount_vnd IS NULL
            AND decision_number IS NULL)
        OR (outcome = 'suspension' AND decision_number IS NOT NULL AND grounds IS NOT NULL
            AND fine_amount_vnd IS NULL AND recall_notice IS NULL
            AND certificate_status_after = 'suspended')
        OR (outcome = 'revocation' AND decision_number IS NOT NULL AND grounds IS NOT NULL
            AND fix_deadline IS NULL AND fine_amount_vnd IS NULL AND recall_notice IS NULL
            AND certificate_status_after = 'revoked'))
);

CREATE INDEX inspections_page ON inspections (created_at DESC, id DESC);
CREATE INDEX inspections_product ON inspections (product_id);
CREATE INDEX inspections_certificate ON inspections (certificate_id);
