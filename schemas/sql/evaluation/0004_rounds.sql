-- Evaluation councils, rounds, entries, score sheets and results (domain §1-3).
--
-- A council (hội đồng đánh giá, phân hạng) is set up by a decision at one
-- level and outlives its rounds; its members score, except the secretary. A
-- member declares conflicts of interest with producers: such a member cannot
-- score that producer's products. A round (đợt đánh giá) belongs to one year,
-- level and council, is made under one rule set and moves
-- planned -> open -> scoring -> closed (or planned/open -> cancelled). An
-- officer enters submitted applications into a round; members send one score
-- sheet per entry; the result is computed from the sheets when an officer
-- finalises the entry; at a level that only checks dossiers (the commune
-- under QĐ 1489) the officer records the pre-check instead: passed forwards
-- the dossier to the level above, failed returns it. An officer may
-- withdraw an entry that has no result (the producer withdrew the dossier).
-- The rules live in services/evaluation/round.c, sheet.c and result.c; the
-- CHECKs below repeat what a row must be.
--
-- Scores are kept in hundredths of a point (0..10000) so that 49.99 and 50
-- compare exactly. Rule set ids refer to reference rows that the start-up load
-- may delete and re-insert in one transaction: those foreign keys are
-- DEFERRABLE INITIALLY DEFERRED (0003).

CREATE TABLE councils (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text NOT NULL,
    level           text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    decision_number text NOT NULL,              -- the decision setting the council up
    decided_on      date NOT NULL,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (decision_number)
);
CREATE INDEX councils_page ON councils (created_at DESC, id DESC);

CREATE TABLE council_members (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id      uuid NOT NULL REFERENCES councils (id),
    full_name       text NOT NULL,
    role            text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'secretary')),
    organisation    text NOT NULL,
    position        text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX council_members_council ON council_members (council_id, created_at, id);
CREATE UNIQUE INDEX council_members_one_chair ON council_members (council_id) WHERE role = 'chair';

-- A declared conflict of interest: the member may not score this producer's products.
CREATE TABLE member_conflicts (
    member_id       uuid NOT NULL REFERENCES council_members (id),
    producer_id     uuid NOT NULL,              -- a producer of the evaluation's view
    reason          text NOT NULL,
    declared_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, producer_id)
);

CREATE TABLE rounds (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    year            integer NOT NULL CHECK (year BETWEEN 2018 AND 2100),
    sequence        integer NOT NULL CHECK (sequence BETWEEN 1 AND 12),
    level           text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    name            text NOT NULL,
    council_id      uuid NOT NULL REFERENCES councils (id),
    rule_set        text NOT NULL REFERENCES rule_sets (id) DEFERRABLE INITIALLY DEFERRED,
    starts_on       date NOT NULL,
    ends_on         date NOT NULL,
    quorum          integer CHECK (quorum BETWEEN 1 AND 50), -- NULL: a majority of scoring members
    status          text NOT NULL DEFAULT 'planned'
                        CHECK (status IN ('planned', 'open', 'scoring', 'closed', 'cancelled')),
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (year, level, sequence, council_id),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX rounds_page ON rounds (created_at DESC, id DESC);

CREATE TABLE round_transitions (
    round_id        uuid NOT NULL REFERENCES rounds (id),
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    actor           text NOT NULL,
    reason          text
);
CREATE INDEX round_transitions_round ON round_transitions (round_id, at);

-- An application entered into a round, and once finalised, its result.
CREATE TABLE entries (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id        uuid NOT NULL REFERENCES rounds (id),
    application_id  uuid NOT NULL,              -- the registry's application (evaluation's view)
    product_id      uuid NOT NULL,
    producer_id     uuid NOT NULL,
    criteria_set    text,                       -- the criteria set scored against; NULL: parts only
    status          text NOT NULL DEFAULT 'entered'
                        CHECK (status IN ('entered', 'withdrawn', 'finalised')),
    entered_by      text NOT NULL,
    previous_entry  uuid REFERENCES entries (id), -- the forwarding entry of a lower level
    -- the result, set once when finalised
    score           integer CHECK (score BETWEEN 0 AND 10000),
    band_stars      integer CHECK (band_stars BETWEEN 1 AND 5),
    mandatory_cap   integer CHECK (mandatory_cap BETWEEN 1 AND 5),
    stars           integer CHECK (stars BETWEEN 1 AND 5),
    -- returned: a pre-check (a level that only checks dossiers) found the dossier wanting
    outcome         text CHECK (outcome IN ('recognised', 'not_recognised', 'forwarded', 'returned')),
    potential_5_star boolean,
    forwarded_to    text,
    result          jsonb,                      -- the computation: sheets, failed mandatory criteria
    market_evidence jsonb,                      -- the linkages the council saw
    decision_number text,
    decided_on      date,
    finalised_by    text,
    finalised_at    timestamptz,
    certificate_id  uuid,                       -- issued by this result, when recognised 3 stars+
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (round_id, application_id),
    withdrawn_reason text,
    CHECK ((status = 'finalised') = (outcome IS NOT NULL)),
    CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
    -- a pre-check has no score; a scored result has all three
    CHECK ((score IS NULL) = (stars IS NULL) AND (score IS NULL) = (band_stars IS NULL)),
    CHECK ((outcome IN ('recognised', 'not_recognised')) <= (score IS NOT NULL)),
    CHECK (outcome IS DISTINCT FROM 'forwarded' OR forwarded_to IS NOT NULL),
    CHECK (outcome IS DISTINCT FROM 'recognised' OR decision_number IS NOT NULL)
);
CREATE INDEX entries_round ON entries (round_id, created_at, id);
CREATE INDEX entries_application ON entries (application_id);
CREATE INDEX entries_product ON entries (product_id);

-- One member's score sheet for one entry. lines: {"<criterion>": {"option": n, "points": p}}
-- for a detailed criteria set; parts: {"A": hundredths, ...} always.
CREATE TABLE score_sheets (
    entry_id        uuid NOT NULL REFERENCES entries (id),
    member_id       uuid NOT NULL REFERENCES council_members (id),
    lines           jsonb,
    parts           jsonb NOT NULL,
    total           integer NOT NULL CHECK (total BETWEEN 0 AND 10000),
    comment         text,
    status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'excluded')),
    excluded_reason text,
    version         bigint NOT NULL DEFAULT 1,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, member_id),
    CHECK ((status = 'excluded') = (excluded_reason IS NOT NULL))
);
