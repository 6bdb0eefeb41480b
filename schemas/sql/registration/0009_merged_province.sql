-- The whole merged Vĩnh Long province (reference/admin-units-vinh-long-2025.csv):
-- NQ 1687/NQ-UBTVQH15 splits five legacy communes between two new units
-- (TT Trà Ôn 29821, TT Tam Bình 29719, Xã Ngãi Tứ 29764, Phường Thành Phước
-- 29771, Cái Vồn 29770) without saying where the parts divide. successor_code
-- keeps the unit that reuses the split commune's code when one does, else the
-- unit that received a part first; that is where admin_unit_resolve leads (a
-- record under a split code is attributed to it); split_code names the other.
ALTER TABLE admin_units
    ADD COLUMN split_code text,
    ADD CONSTRAINT admin_units_split CHECK (
        split_code IS NULL OR (level = 'commune' AND successor_code IS NOT NULL
                               AND split_code <> successor_code));
CREATE INDEX admin_units_split ON admin_units (split_code) WHERE split_code IS NOT NULL;

-- A new producer is recorded under a commune in force: since 2025-07-01 the
-- legacy communes of the three former provinces are abolished. A producer that
-- joined the programme before the platform is recorded with the day it joined
-- (registered_on), and its commune must have been in force that day; every
-- other producer joins on the day it is registered.
ALTER TABLE producers ADD COLUMN registered_on date;
UPDATE producers SET registered_on = (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
ALTER TABLE producers
    ALTER COLUMN registered_on SET NOT NULL,
    ALTER COLUMN registered_on SET DEFAULT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
