-- What the other services said about a product, kept from their events so the
-- registry shows the product's whole picture: star level and certificate
-- (evaluation), the latest quality inspection (evaluation), and the market
-- linkages (promotion). Each part remembers the time of the event it came
-- from, so a late, older event never overwrites a newer one.

ALTER TABLE products
    ADD COLUMN stars smallint CHECK (stars BETWEEN 1 AND 5),
    ADD COLUMN recognised_on date,
    ADD COLUMN certificate jsonb,
    ADD COLUMN latest_inspection jsonb,
    ADD COLUMN linkages jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN event_times jsonb NOT NULL DEFAULT '{}';

COMMENT ON COLUMN products.status IS
    'OCOP cycle: registered, applied, evaluated, not_recognised, certified, '
    'certificate_suspended, certificate_revoked, certificate_expired';
