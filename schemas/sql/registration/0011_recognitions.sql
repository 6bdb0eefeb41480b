-- Records that do not drift. products keeps only a product's latest
-- recognition (stars, recognised_on), so a re-recognition or an upgrade
-- rewrote what earlier years had counted. Every recognition is now kept as a
-- row of its own, once per certificate (ocop.evaluation.certificate.issued.v1),
-- and the statistics of a period are read from these rows; a product keeps
-- the day it was first recognised. Evaluation rounds are kept as a small read
-- model of ocop.evaluation.round.status_changed.v1 for the plan indicator
-- evaluation_rounds.

-- One recognition: a certificate issued for the product.
CREATE TABLE product_recognitions (
    certificate_id  text PRIMARY KEY,          -- evaluation's certificate id: one row per certificate
    product_id      uuid NOT NULL REFERENCES products (id),
    recognised_on   date NOT NULL,             -- the certificate's issued_on (decision day)
    stars           smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    level           text,                      -- district, province or central; NULL when not said
    rule_set        text,                      -- e.g. qd148-2023; NULL when not said
    number          text,                      -- the certificate's printed number
    event_id        text,                      -- ce_id of the issued event; NULL when backfilled
    event_time      timestamptz,               -- ce_time of that event; orders same-day recognitions
    backfilled      boolean NOT NULL DEFAULT false, -- rebuilt by this migration from products
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_recognitions_product ON product_recognitions (product_id, recognised_on);
CREATE INDEX product_recognitions_day ON product_recognitions (recognised_on);

-- The recognitions with what each was, judged against the product's previous
-- recognition by date (then event time, then certificate id), never against
-- what came later, so a later recognition leaves an earlier one's kind alone:
--   new             the product's first recognition
--   upgrade         more stars than the previous recognition
--   re_recognition  the same stars or fewer (công nhận lại; a downgrade shows
--                   as stars < stars_before)
CREATE VIEW product_recognition_history AS
SELECT h.*,
       CASE WHEN h.stars_before IS NULL THEN 'new'
            WHEN h.stars > h.stars_before THEN 'upgrade'
            ELSE 're_recognition' END AS kind
  FROM (SELECT r.*, lag(r.stars) OVER (PARTITION BY r.product_id
                 ORDER BY r.recognised_on, r.event_time NULLS FIRST, r.certificate_id) AS stars_before
          FROM product_recognitions r) h;

ALTER TABLE products ADD COLUMN first_recognised_on date;

-- The statistics' potential 5★ column counts products whose potential_5_star_since
-- (migration 0010) is set.

-- Backfill: all that products knows is each product's latest certificate.
-- Earlier recognitions are lost, so a backfilled row may be "new" where it was
-- a re-recognition; backfilled says so. A function, so that the same statement
-- can be tested on data (test_statistics.sh); it adds only what is missing and
-- returns how many recognitions it added.
CREATE FUNCTION product_recognitions_backfill() RETURNS integer
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_rows integer;
BEGIN
    INSERT INTO product_recognitions (certificate_id, product_id, recognised_on, stars, level,
                                      rule_set, number, event_time, backfilled)
    SELECT p.certificate->>'certificate_id', p.id, p.recognised_on,
           coalesce(CASE WHEN p.certificate->>'stars' ~ '^[1-5]$'
                         THEN (p.certificate->>'stars')::smallint END, p.stars),
           p.certificate->>'level', p.certificate->>'rule_set', p.certificate->>'number',
           (p.event_times->>'certificate')::timestamptz, true
      FROM products p
     WHERE p.recognised_on IS NOT NULL AND p.certificate->>'certificate_id' IS NOT NULL
       AND coalesce(CASE WHEN p.certificate->>'stars' ~ '^[1-5]$'
                         THEN (p.certificate->>'stars')::smallint END, p.stars) IS NOT NULL
    ON CONFLICT (certificate_id) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    UPDATE products p SET first_recognised_on = f.d
      FROM (SELECT product_id, min(recognised_on) AS d FROM product_recognitions GROUP BY 1) f
     WHERE f.product_id = p.id AND p.first_recognised_on IS DISTINCT FROM f.d;
    RETURN v_rows;
END;
$$;

SELECT product_recognitions_backfill();

-- The evaluation service's rounds, the newest move of each (by at).
CREATE TABLE evaluation_rounds (
    round_id    uuid PRIMARY KEY,
    year        integer NOT NULL,
    level       text NOT NULL,
    sequence    integer NOT NULL,
    name        text,
    status      text NOT NULL,              -- open, scoring, closed or cancelled
    starts_on   date,
    ends_on     date,
    closed_on   date,                       -- the day (Asia/Ho_Chi_Minh) it closed; NULL unless closed
    at          timestamptz NOT NULL,       -- the move's time: a late, older event changes nothing
    event_id    text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_rounds_closed ON evaluation_rounds (closed_on) WHERE status = 'closed';
