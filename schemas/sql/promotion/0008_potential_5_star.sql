-- Potential 5 stars (domain §2): with OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR
-- on, a province's 90+ forwarded to the central council
-- (ocop.evaluation.evaluation.forwarded.v1, potential_5_star true) marks the
-- product, shown as potential_5_star in GET /v1/products/{id}; the central
-- council's result (ocop.evaluation.evaluation.completed.v1, level central)
-- clears it. services/promotion/potential.c holds the rule.

ALTER TABLE products ADD COLUMN potential_5_star_since date; -- NULL: not marked
