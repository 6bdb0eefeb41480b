-- Products under the rules in force (issue 12). QĐ 1489/2025 (in force from
-- 2025-07-06, amending QĐ 148's levels only) joins the rule sets a product is
-- registered under; which ids are valid, and which is in force on a day, is
-- the service's table (registration/rule_sets.c, checked against
-- schemas/reference/rule-sets/), not repeated here. A product is classified by
-- a QĐ 148 criteria set and sector, or by its QĐ 1048 legacy group, or both
-- (an old product reclassified into a criteria set keeps its old group).
-- recognised_before_platform marks an old product recorded under a rule set
-- no longer in force.

ALTER TABLE products DROP CONSTRAINT products_rule_set_check;
ALTER TABLE products ADD CONSTRAINT products_rule_set_check
    CHECK (rule_set ~ '^qd[0-9]+-[0-9]{4}$');
ALTER TABLE products DROP CONSTRAINT products_classified;
ALTER TABLE products ADD CONSTRAINT products_classified CHECK (
    (criteria_set IS NOT NULL AND sector IS NOT NULL) OR legacy_group IS NOT NULL);
ALTER TABLE products ADD COLUMN recognised_before_platform boolean NOT NULL DEFAULT false;
