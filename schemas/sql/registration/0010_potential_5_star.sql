-- Potential 5 stars as a standing of the product (domain §2, QĐ 148/1489): a
-- province council's 90+ is forwarded to the central council as "potential
-- 5 stars" and stays so until the central council decides. Kept from
-- ocop.evaluation.evaluation.forwarded.v1 (potential_5_star true) and cleared
-- by the central council's ocop.evaluation.evaluation.completed.v1. Shown as
-- ocop.potential_5_star {since, score, entry_id} in the product view; the
-- statistics count products whose potential_5_star_since is not null.

ALTER TABLE products
    ADD COLUMN potential_5_star_since date,          -- the province's decision date; NULL: not potential
    ADD COLUMN potential_5_star_score numeric(5, 2)  -- the province council's score (0-100)
        CHECK (potential_5_star_score BETWEEN 0 AND 100),
    ADD COLUMN potential_5_star_entry uuid,          -- the province's evaluation entry
    ADD CONSTRAINT products_potential_5_star_whole
        CHECK ((potential_5_star_since IS NULL) = (potential_5_star_entry IS NULL));

CREATE INDEX products_potential_5_star ON products (potential_5_star_since)
    WHERE potential_5_star_since IS NOT NULL;
