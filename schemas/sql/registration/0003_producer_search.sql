-- Diacritic-insensitive search of producers ("hop tac xa dua sap" finds
-- "Hợp tác xã Dừa sáp"). unaccent and pg_trgm live in schema public, created
-- by the database superuser (deploy/docker/initdb/10-ocop-roles.sh).

ALTER TABLE producers ADD COLUMN name_search text;
UPDATE producers SET name_search = lower(public.unaccent(name));
ALTER TABLE producers ALTER COLUMN name_search SET NOT NULL;
CREATE INDEX producers_name_search ON producers USING gin (name_search public.gin_trgm_ops);
CREATE INDEX producers_page ON producers (created_at DESC, id DESC);
CREATE INDEX producers_commune ON producers (commune_code);
