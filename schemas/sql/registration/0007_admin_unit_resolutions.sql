-- admin_unit_resolve() walked the chain of successors with a recursive query on
-- every call (0.7-0.85 ms), and every product and producer view, every scope
-- check of a commune officer and every statistic called it. Its answer changes
-- only on the days a unit begins or ends, so it is now worked out once per load
-- of the reference data, for every code and every span between two such days,
-- and looked up. The walk itself stays, as admin_unit_resolve_walk, to fill the
-- table (and for anyone checking the table against it).
ALTER FUNCTION admin_unit_resolve(text, date) RENAME TO admin_unit_resolve_walk;

CREATE TABLE admin_unit_resolutions (
    code        text NOT NULL,
    span        daterange NOT NULL,         -- the days on which the answer holds
    resolved    text,                       -- the unit the code names then; NULL: none
    PRIMARY KEY (code, span)
);

-- Works the table out again from admin_units (the loader calls it in the
-- transaction that replaces the units). Returns the number of rows.
CREATE FUNCTION admin_unit_resolutions_refresh() RETURNS integer
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_rows integer;
BEGIN
    DELETE FROM admin_unit_resolutions;
    WITH cuts AS (
        SELECT valid_from AS d FROM admin_units WHERE valid_from IS NOT NULL
        UNION SELECT valid_to + 1 FROM admin_units WHERE valid_to IS NOT NULL
    ), spans AS (
        SELECT d AS lo, lead(d) OVER (ORDER BY d) AS hi
          FROM (SELECT '-infinity'::date AS d UNION SELECT d FROM cuts) c
    )
    INSERT INTO admin_unit_resolutions (code, span, resolved)
    SELECT u.code, daterange(s.lo, s.hi, '[)'),
           admin_unit_resolve_walk(u.code, CASE WHEN s.lo = '-infinity'
                                                THEN coalesce(s.hi - 1, current_date)
                                                ELSE s.lo END)
      FROM (SELECT DISTINCT code FROM admin_units) u CROSS JOIN spans s;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN v_rows;
END;
$$;

-- The code of the unit that p_code has become on p_on (the rule is documented
-- on admin_unit_resolve_walk in 0002_admin_units.sql); NULL for a code the
-- table does not know.
CREATE FUNCTION admin_unit_resolve(p_code text, p_on date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT r.resolved FROM admin_unit_resolutions r WHERE r.code = p_code AND r.span @> p_on
$$;

SELECT admin_unit_resolutions_refresh();
