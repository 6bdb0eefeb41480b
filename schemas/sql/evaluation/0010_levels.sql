-- The levels joined up (QĐ 1489, QĐ 148, QĐ 1048).
--
-- A council belongs to a territory: the administrative unit whose products it
-- evaluates (GSO code: a commune's 5 digits for a commune council, a legacy
-- district's 3 digits for a district council of the years before 2025-07-01,
-- the province's 2 digits or NULL for the whole province; NULL for the
-- central council). An entry is refused when the product's commune lies
-- outside the council's territory (services/evaluation/round.c,
-- council_territory_holds).
--
-- The evaluation's view of products keeps the product's legacy district (the
-- district its commune belonged to until 2025-06-30) and the commune its
-- commune code names today (a product registered under Phú Cần 29347 is of
-- xã Tiểu Cần 29341 since 2025-07-01), as registration's product events carry
-- them, so district councils and today's commune councils match their
-- products.

ALTER TABLE councils
    ADD COLUMN territory text CHECK (territory ~ '^[0-9]{2}$|^[0-9]{3}$|^[0-9]{5}$');

ALTER TABLE products
    ADD COLUMN legacy_district_code text CHECK (legacy_district_code ~ '^[0-9]{3}$'),
    ADD COLUMN current_commune_code text CHECK (current_commune_code ~ '^[0-9]{5}$');
