-- Councils' local policies that the views need (issue 12): whether the
-- secretary scores. The service writes the row at every start from
-- OCOP_COUNCIL_SECRETARY_SCORES (default false: every role scores except the
-- secretary), so a member's "scores" and a round's "scoring_members" agree
-- with the sheets the service accepts. Give every instance the same setting.

CREATE TABLE council_policy (
    one                 boolean PRIMARY KEY DEFAULT true CHECK (one),
    secretary_scores    boolean NOT NULL DEFAULT false
);
INSERT INTO council_policy DEFAULT VALUES;
