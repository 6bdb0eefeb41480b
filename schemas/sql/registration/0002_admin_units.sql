-- Administrative units, then and now (domain §8): the hierarchy of the former
-- Trà Vinh province until 2025-06-30 and the units of the merged Vĩnh Long
-- province that cover the same area from 2025-07-01. The rows are reference
-- data: the service fills this table at start-up from
-- schemas/reference/admin-units-tra-vinh.csv (admin_unit_load.c), replacing
-- the whole content in one transaction when the file's checksum changed.
--
-- A record is a code together with its validity. The 2025 reform reused
-- codes: 29242 is Phường 3 until 2025-06-30 and Phường Trà Vinh from
-- 2025-07-01, so a code alone names up to one unit per period.
--
-- unaccent and pg_trgm live in schema public (created by the superuser; this
-- role cannot create extensions). unaccent() is only STABLE, so search_name is
-- not a generated column: the loader computes lower(public.unaccent(name))
-- when it inserts a row, and queries fold their input the same way.

CREATE TABLE admin_units (
    level           text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    code            text NOT NULL,          -- GSO code: 2, 3 or 5 digits by level
    name            text NOT NULL,          -- full name with its type, e.g. 'Xã Phú Cần'
    unit_type       text NOT NULL CHECK (unit_type IN
                        ('tỉnh', 'thành phố', 'huyện', 'thị xã', 'xã', 'phường', 'thị trấn')),
    parent_code     text,                   -- the unit above; NULL for a province
    valid_from      date,                   -- first day; NULL when not known (since ever)
    valid_to        date,                   -- last day, inclusive; NULL while valid
    successor_code  text,                   -- the unit it became on valid_to + 1
    search_name     text NOT NULL,          -- lower(public.unaccent(name)), set by the loader
    CONSTRAINT admin_units_code_format CHECK (
        (level = 'province' AND code ~ '^[0-9]{2}$')
        OR (level = 'district' AND code ~ '^[0-9]{3}$')
        OR (level = 'commune' AND code ~ '^[0-9]{5}$')),
    CONSTRAINT admin_units_dates CHECK (valid_from <= valid_to),
    CONSTRAINT admin_units_successor CHECK (successor_code IS NULL OR valid_to IS NOT NULL)
);

-- One version of a code per first day; an unknown first day counts as -infinity.
CREATE UNIQUE INDEX admin_units_version
    ON admin_units (code, coalesce(valid_from, '-infinity'::date));
CREATE INDEX admin_units_parent ON admin_units (parent_code);
CREATE INDEX admin_units_successor ON admin_units (successor_code);
-- Substring search on the folded name (LIKE '%...%').
CREATE INDEX admin_units_search ON admin_units USING gin (search_name public.gin_trgm_ops);

-- The file each load came from, so that a start with an unchanged file does
-- not rewrite the table.
CREATE TABLE admin_unit_loads (
    source      text PRIMARY KEY,           -- path under the schema folder
    checksum    text NOT NULL,              -- md5 of the file's text
    row_count   integer NOT NULL,           -- records loaded
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- The code of the unit that p_code has become on p_on: the version of p_code
-- valid on p_on when there is one; otherwise the version of p_code that ended
-- last before p_on, followed through its successors (each taken on the day
-- after its predecessor's valid_to) to the one valid on p_on. NULL when the
-- code is unknown, begins after p_on, or its chain ends without a successor
-- (a district after 2025-06-30). The same rule as admin_unit_resolve() in
-- services/registration/admin_unit.c. The loader guarantees that a reused code
-- is the successor of its earlier version, so a code recorded at any time
-- resolves the same way. Use it to group records by their current commune:
--   GROUP BY admin_unit_resolve(commune_code, current_date)
CREATE FUNCTION admin_unit_resolve(p_code text, p_on date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH RECURSIVE chain AS (
        (SELECT a.code, a.valid_to, a.successor_code, 0 AS depth
           FROM admin_units a
          WHERE a.code = p_code AND (a.valid_from IS NULL OR a.valid_from <= p_on)
          ORDER BY a.valid_to DESC NULLS FIRST
          LIMIT 1)
        UNION ALL
        SELECT s.code, s.valid_to, s.successor_code, c.depth + 1
          FROM chain c
          JOIN admin_units s ON s.code = c.successor_code
                            AND daterange(s.valid_from, s.valid_to, '[]') @> (c.valid_to + 1)
         WHERE c.valid_to < p_on AND c.depth < 32
    )
    SELECT code FROM chain WHERE valid_to IS NULL OR valid_to >= p_on ORDER BY depth LIMIT 1
$$;

-- The district a commune code belonged to on p_on: the parent of the version
-- of p_code valid that day when that parent is a district. NULL otherwise
-- (unknown code, no version valid that day, or a unit after 2025-06-30, whose
-- parent is the province). Old records stay reportable by their old district:
--   GROUP BY admin_unit_district(commune_code, registered_on)
CREATE FUNCTION admin_unit_district(p_code text, p_on date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT a.parent_code
      FROM admin_units a
     WHERE a.code = p_code AND daterange(a.valid_from, a.valid_to, '[]') @> p_on
       AND EXISTS (SELECT 1 FROM admin_units d
                    WHERE d.code = a.parent_code AND d.level = 'district')
$$;
