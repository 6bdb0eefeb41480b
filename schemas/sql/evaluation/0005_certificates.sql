-- OCOP certificates (giấy chứng nhận, domain §4): issued when a recognition
-- grants a product 3 stars or more (certificate_grant.h), with every status
-- change kept, and the expiry notices the scheduler sent.
--
-- The rules (services/evaluation/certificate.h) are: a number from
-- OCOP_CERTIFICATE_NUMBER_PATTERN with a per-year sequence; expires_on =
-- issued_on + the rule set's certificate_validity_months, the day clamped to
-- the end of the month; in force through expires_on inclusive; statuses
-- valid -> expiring -> expired, suspended <-> valid/expiring, and revoked,
-- expired and superseded final. The constraints below repeat what no writer
-- may break.

-- The last number given in each year of issue. A grant increments its year's
-- row inside its own transaction, so the row stays locked until it commits
-- or rolls back: numbers have no gaps and no duplicates under concurrency.
CREATE TABLE certificate_sequences (
    year            integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
    last_number     integer NOT NULL CHECK (last_number >= 1)
);

CREATE TABLE certificates (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number          text NOT NULL,             -- as printed on the certificate and its label
    product_id      uuid NOT NULL REFERENCES products (product_id),
    stars           smallint NOT NULL CHECK (stars BETWEEN 3 AND 5),
    rule_set        text NOT NULL REFERENCES rule_sets DEFERRABLE INITIALLY DEFERRED,
    level           text NOT NULL CHECK (level IN ('district', 'province', 'central')),
    decision_number text NOT NULL CHECK (decision_number <> ''),  -- số quyết định công nhận
    issued_on       date NOT NULL,             -- the recognition decision's date
    expires_on      date NOT NULL,             -- last day in force (inclusive)
    status          text NOT NULL CHECK (status IN ('valid', 'expiring', 'suspended', 'revoked',
                                                    'expired', 'superseded')),
    sequence_year   integer NOT NULL,
    sequence_number integer NOT NULL CHECK (sequence_number >= 1),
    result_id       uuid,                      -- the evaluation result it comes from, if any
    application_id  uuid,                      -- the registry's application, if known
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certificates_number_unique UNIQUE (number),
    CONSTRAINT certificates_sequence_unique UNIQUE (sequence_year, sequence_number),
    CONSTRAINT certificates_decision_unique UNIQUE (product_id, decision_number),
    CONSTRAINT certificates_dates CHECK (expires_on > issued_on),
    CONSTRAINT certificates_sequence_year CHECK (sequence_year = extract(year FROM issued_on))
);

-- One current certificate per product: a new one supersedes it first.
CREATE UNIQUE INDEX certificates_current ON certificates (product_id)
    WHERE status IN ('valid', 'expiring', 'suspended');
CREATE INDEX certificates_page ON certificates (created_at DESC, id DESC);
CREATE INDEX certificates_product ON certificates (product_id);
CREATE INDEX certificates_in_force ON certificates (expires_on)
    WHERE status IN ('valid', 'expiring', 'suspended');

-- Every status a certificate took, the first one (from_status NULL) included:
-- who, when (the time and the day of the service's clock), why, on which
-- decision, and what caused it (an evaluation result, an inspection, the
-- certificate that superseded it, the expiry schedule).
CREATE TABLE certificate_status_changes (
    id              bigserial PRIMARY KEY,
    certificate_id  uuid NOT NULL REFERENCES certificates,
    from_status     text,
    to_status       text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    effective_on    date NOT NULL,
    actor           text NOT NULL,
    reason          text,
    grounds         text CHECK (grounds IN ('not_following_declared_process',
                                            'food_safety_failure',
                                            'below_certified_quality_or_packaging',
                                            'no_quality_or_traceability_records',
                                            'producer_stopped_operating',
                                            'not_re_evaluated_in_time',
                                            'failed_mandatory_criteria', 'other')),
    decision_number text,
    decided_on      date,
    cause_type      text CHECK (cause_type IN ('result', 'inspection', 'certificate', 'schedule')),
    cause_id        text,
    CHECK ((cause_type IS NULL) = (cause_id IS NULL))
);
CREATE INDEX certificate_status_changes_certificate
    ON certificate_status_changes (certificate_id, id);

-- Expiry notices: one row per certificate and offset (days before expiry),
-- written in the same transaction as the notice's outbox event, so a notice
-- goes out exactly once whatever restarts or how many instances run. A
-- notice missed while nothing ran is not sent late when a later one is due:
-- only the latest due offset is sent, the earlier ones are kept as skipped.
CREATE TABLE certificate_notices (
    certificate_id  uuid NOT NULL REFERENCES certificates,
    offset_days     integer NOT NULL CHECK (offset_days BETWEEN 1 AND 3650),
    due_on          date NOT NULL,             -- expires_on - offset_days
    sent            boolean NOT NULL,          -- false: skipped
    handled_on      date NOT NULL,             -- the clock's day when it was sent or skipped
    handled_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (certificate_id, offset_days)
);
