-- What promotion knows of each product's OCOP standing, built only from the
-- evaluation service's events: certificates, post-certification inspections,
-- and the communes the product events name (legacy codes resolve to current
-- ones). No foreign key to products: an evaluation event may arrive before
-- the registration event of its product (topics are not ordered together).

-- One row per certificate, as its newest event (by ce_time) left it.
CREATE TABLE certificates (
    certificate_id  text PRIMARY KEY,
    product_id      uuid NOT NULL,
    number          text,
    status          text NOT NULL CHECK (status IN ('valid', 'expiring', 'suspended', 'revoked',
                                                    'expired', 'superseded')),
    stars           integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
    issued_on       date,
    expires_on      date,
    reason          text,
    event_time      timestamptz NOT NULL,   -- ce_time of the event applied last
    event_id        text NOT NULL,          -- its ce_id
    in_force_since  timestamptz,            -- ce_time of the event that last put it in force
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificates_product ON certificates (product_id);

-- One row per inspection, as its newest event (by ce_time) left it.
CREATE TABLE inspections (
    inspection_id   text PRIMARY KEY,
    product_id      uuid NOT NULL,
    outcome         text CHECK (outcome IN ('compliant', 'guidance', 'fine', 'recall',
                                            'suspension', 'revocation')),
    kind            text,
    inspected_on    date,
    event_time      timestamptz NOT NULL,
    event_id        text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_product ON inspections (product_id, event_time DESC);

-- Commune codes then and now (schemas/reference/admin-units-tra-vinh.csv,
-- loaded at start-up): a legacy code resolves to the current commune that
-- took it over; a current code resolves to itself.
CREATE TABLE communes (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
    current_code    text NOT NULL CHECK (current_code ~ '^[0-9]{5}$')
);

-- Each product's standing: its current certificate (the latest issued_on,
-- then the latest put in force) and, when there is one, the outstanding
-- inspection that blocks promotion: the product's newest inspection, when it
-- ended in recall, suspension or revocation after the certificate was last put
-- in force. valid_until is the certificate's last day (expires_on, else 36
-- months from issue).
CREATE VIEW product_standing AS
SELECT p.product_id,
       c.certificate_id, c.number, c.status, c.stars, c.issued_on,
       coalesce(c.expires_on, (c.issued_on + interval '36 months')::date) AS valid_until,
       c.reason AS certificate_reason,
       i.inspection_id, i.outcome, i.kind AS inspection_kind, i.inspected_on,
       CASE WHEN i.outcome IN ('recall', 'suspension', 'revocation')
             AND c.in_force_since IS NOT NULL AND i.event_time > c.in_force_since
            THEN i.inspection_id END AS block_inspection_id
  FROM products p
  LEFT JOIN LATERAL (SELECT * FROM certificates c WHERE c.product_id = p.product_id
                      ORDER BY c.issued_on DESC NULLS LAST, c.in_force_since DESC NULLS LAST,
                               c.certificate_id DESC
                      LIMIT 1) c ON true
  LEFT JOIN LATERAL (SELECT * FROM inspections i WHERE i.product_id = p.product_id
                      ORDER BY i.event_time DESC, i.inspection_id DESC
                      LIMIT 1) i ON true;

-- What the service did when an event took a product's standing away: the
-- reason, the causing event, and how many things it suspended, withdrew and
-- delisted (each also has its own record and event).
CREATE TABLE reactions (
    id              bigserial PRIMARY KEY,
    product_id      uuid NOT NULL,
    cause_event_id  text NOT NULL,
    cause_type      text NOT NULL,
    reason          text NOT NULL,
    linkages_suspended        integer NOT NULL,
    participations_withdrawn  integer NOT NULL,
    listings_delisted         integer NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reactions_product ON reactions (product_id, id DESC);

-- Every change of a product's place in the public catalogue caused by an
-- event (ocop.promotion.catalogue.changed.v1 carries the same).
CREATE TABLE catalogue_changes (
    id              bigserial PRIMARY KEY,
    product_id      uuid NOT NULL,
    promotable      boolean NOT NULL,
    reason          text NOT NULL,
    cause_event_id  text NOT NULL,
    cause_type      text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_changes_product ON catalogue_changes (product_id, id DESC);

-- Catalogue search folds case and diacritics ("bot nghe" finds "Bột nghệ").
-- unaccent() is not immutable, so the folded name is kept as a column.
ALTER TABLE products ADD COLUMN name_search text;
UPDATE products SET name_search = lower(public.unaccent(name));
CREATE INDEX products_name_search ON products USING gin (name_search public.gin_trgm_ops);
