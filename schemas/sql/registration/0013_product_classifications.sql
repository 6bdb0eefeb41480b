-- Reclassification of a product (issue 12): a province officer moves a
-- product into a QĐ 148 criteria set (1-26) and its sector, e.g. an old QĐ
-- 1048 product, classified by its legacy group, into one of 148's 26 sets
-- before it is evaluated again under the rules in force. Each change is kept:
-- who, when, from what, to what, why, and the decision if there is one. The
-- product's own legacy group and rule set are kept unchanged.

CREATE TABLE product_classifications (
    id                  bigserial PRIMARY KEY,
    product_id          uuid NOT NULL REFERENCES products (id),
    rule_set            text NOT NULL,          -- the product's rule set at the time
    from_criteria_set   integer,                -- NULL: it had none (a QĐ 1048 product)
    from_sector         text,
    from_legacy_group   text,
    to_criteria_set     integer NOT NULL CHECK (to_criteria_set BETWEEN 1 AND 26),
    to_sector           text NOT NULL,
    reason              text NOT NULL,
    decision_number     text,
    actor               text NOT NULL,          -- the token's subject
    at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_classifications_product ON product_classifications (product_id, id);
