-- Every certificate revocation, once, as ocop.evaluation.certificate.status_changed.v1
-- reported it (status revoked): the year-end report lists the products revoked in its
-- period from here, so that a product revoked and later recognised again stays in the
-- past year's list (products.certificate keeps only the latest certificate).
CREATE TABLE product_revocations (
    certificate_id  text PRIMARY KEY,            -- evaluation's certificate id: once per certificate
    product_id      uuid NOT NULL REFERENCES products (id),
    number          text,                        -- the certificate's number
    stars           integer CHECK (stars BETWEEN 1 AND 5),
    revoked_on      date NOT NULL,               -- changed_on of the event (the decision's day)
    grounds         text,
    event_id        text,                        -- the event that said so (NULL: backfilled)
    event_time      timestamptz
);

CREATE INDEX product_revocations_on ON product_revocations (revoked_on);

-- Backfill: what products.certificate says of the certificates revoked so far.
INSERT INTO product_revocations (certificate_id, product_id, number, stars, revoked_on, grounds)
SELECT p.certificate->>'certificate_id', p.id, p.certificate->>'number',
       CASE WHEN p.certificate->>'stars' ~ '^[1-5]$' THEN (p.certificate->>'stars')::int END,
       (p.certificate->>'changed_on')::date, p.certificate->>'grounds'
  FROM products p
 WHERE p.certificate->>'status' = 'revoked'
   AND coalesce(p.certificate->>'certificate_id', '') <> ''
   AND coalesce(p.certificate->>'changed_on', '') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
   AND to_char(to_date(p.certificate->>'changed_on', 'YYYY-MM-DD'), 'YYYY-MM-DD')
       = p.certificate->>'changed_on'
ON CONFLICT (certificate_id) DO NOTHING;
