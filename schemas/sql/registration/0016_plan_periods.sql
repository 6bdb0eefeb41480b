-- Plans by period, targets per year and locality, and a read model of
-- post-certification inspections (issue 14, part 4).
--
-- A plan period (giai đoạn) groups the yearly targets of a multi-year
-- programme. 2022-2025 rests on the seed (tra-vinh-ocop-plan-2022.txt): KH
-- 43/KH-UBND of 2022-06-06 tasks the province with "xây dựng đề án, kế hoạch
-- thực hiện Chương trình ... giai đoạn 2022 – 2025". 2026-2030 has NO source
-- in our material: it is seeded so that the years after the merger have a
-- period to hang targets on, and says so (sourced = false).

CREATE TABLE plan_periods (
    id          text PRIMARY KEY CHECK (id ~ '^[0-9]{4}-[0-9]{4}$'),
    first_year  integer NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
    last_year   integer NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
    title       text NOT NULL,          -- as the plans word it (Vietnamese)
    basis       text NOT NULL,          -- the document that set the period
    sourced     boolean NOT NULL,       -- false: the basis awaits confirmation
    note        text,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT plan_periods_years CHECK (last_year >= first_year AND last_year - first_year < 10
        AND id = first_year || '-' || last_year)
);

INSERT INTO plan_periods (id, first_year, last_year, title, basis, sourced, note) VALUES
    ('2022-2025', 2022, 2025, 'Chương trình OCOP tỉnh Trà Vinh giai đoạn 2022 – 2025',
     'Kế hoạch 43/KH-UBND ngày 06/6/2022 của UBND tỉnh Trà Vinh (xây dựng đề án, kế hoạch thực hiện Chương trình mỗi xã một sản phẩm tỉnh Trà Vinh giai đoạn 2022 – 2025)',
     true, 'Chỉ tiêu năm 2022 theo Kế hoạch 43/KH-UBND; chỉ tiêu các năm sau chờ đề án giai đoạn'),
    ('2026-2030', 2026, 2030, 'Chương trình OCOP giai đoạn 2026 – 2030',
     'Chưa có văn bản làm căn cứ (chờ xác nhận)', false,
     'Giai đoạn tạo sẵn để gắn chỉ tiêu sau sáp nhập tỉnh; căn cứ chưa được xác nhận');

-- A target per year, indicator and locality: '' the whole province (every
-- target before this migration), a 3-digit legacy district code (years up to
-- 2024 only: districts were abolished on 2025-07-01) or a 5-digit current
-- commune code (years from 2025). services/registration/plan.c holds the rule.
ALTER TABLE plan_targets ADD COLUMN locality text NOT NULL DEFAULT ''
    CHECK (locality ~ '^([0-9]{3}|[0-9]{5})?$');
ALTER TABLE plan_targets DROP CONSTRAINT plan_targets_pkey;
ALTER TABLE plan_targets ADD PRIMARY KEY (year, indicator, locality);

-- The district a commune code belonged to on day (the version valid that
-- day, else its last one under a district), as the statistics' grouping by
-- legacy district reads it; NULL for a code the admin units do not know.
CREATE FUNCTION plan_legacy_district(p_commune text, p_day date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT a.parent_code FROM admin_units a WHERE a.level = 'commune'
       AND a.code = p_commune AND a.parent_code ~ '^[0-9]{3}$'
     ORDER BY p_day BETWEEN coalesce(a.valid_from, '-infinity'::date)
              AND coalesce(a.valid_to, 'infinity'::date) DESC,
              a.valid_to DESC NULLS FIRST LIMIT 1
$$;

-- The locality a product of commune code p_commune counts at on p_day in a
-- report grouped by legacy district (years before the merger) or by current
-- commune (admin_unit_resolve to today's unit).
CREATE FUNCTION plan_locality_key(p_commune text, p_day date, p_by_district boolean)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN p_by_district THEN plan_legacy_district(p_commune, p_day)
                ELSE admin_unit_resolve(p_commune,
                                        (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) END
$$;

-- Whether a product of commune code p_commune counts at p_locality on p_day:
-- '' is the whole province, a 3-digit code a legacy district, a 5-digit one a
-- current commune.
CREATE FUNCTION plan_in_locality(p_commune text, p_day date, p_locality text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(p_locality, '') = ''
        OR p_locality IS NOT DISTINCT FROM plan_locality_key(p_commune, p_day,
                                                             length(p_locality) = 3)
$$;

-- The name of a locality code (district or commune), its current version first.
CREATE FUNCTION plan_locality_name(p_code text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT a.name FROM admin_units a
     WHERE a.code = p_code AND a.level = CASE length(p_code) WHEN 3 THEN 'district'
                                                             ELSE 'commune' END
     ORDER BY a.valid_to DESC NULLS FIRST LIMIT 1
$$;

-- Post-certification inspections (hậu kiểm), one row per inspection from
-- ocop.evaluation.inspection.recorded.v1 (idempotent on inspection_id), for
-- the indicator inspection_coverage_percent. products.latest_inspection stays
-- as it was. outcomes: the event's outcomes array when it has one, else
-- [outcome].
CREATE TABLE product_inspections (
    inspection_id   text PRIMARY KEY,
    product_id      uuid NOT NULL REFERENCES products (id),
    certificate_id  text,
    inspected_on    date NOT NULL,
    outcome         text NOT NULL,
    outcomes        jsonb NOT NULL DEFAULT '[]',
    event_id        text,                   -- ce_id; NULL when backfilled
    event_time      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_inspections_day ON product_inspections (inspected_on);
CREATE INDEX product_inspections_product ON product_inspections (product_id);

-- Backfill: the one inspection per product registration kept so far. A day
-- that is no calendar date (the consumer never checked it) is left out: that
-- inspection stays the product's latest inspection only.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT p.id, p.latest_inspection AS i, (p.event_times->>'inspection') AS t
               FROM products p
              WHERE p.latest_inspection->>'inspection_id' IS NOT NULL
                AND p.latest_inspection->>'inspected_on' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                AND p.latest_inspection->>'outcome' IS NOT NULL LOOP
        BEGIN
            INSERT INTO product_inspections (inspection_id, product_id, certificate_id,
                                             inspected_on, outcome, outcomes, event_time)
            VALUES (r.i->>'inspection_id', r.id, r.i->>'certificate_id',
                    (r.i->>'inspected_on')::date, r.i->>'outcome',
                    CASE WHEN jsonb_typeof(r.i->'outcomes') = 'array' THEN r.i->'outcomes'
                         ELSE jsonb_build_array(r.i->>'outcome') END,
                    r.t::timestamptz)
            ON CONFLICT (inspection_id) DO NOTHING;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            NULL;
        END;
    END LOOP;
END
$$;
