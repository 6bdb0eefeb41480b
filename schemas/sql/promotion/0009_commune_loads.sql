-- The loads of the communes table from the administrative-unit reference files
-- (OCOP_ADMIN_UNIT_FILES), as registration's admin_unit_loads and evaluation's
-- rule_set_loads keep theirs (services/common/refdata.h): a start whose files have
-- the checksum of the last load writes nothing.
CREATE TABLE commune_loads (
    source      text PRIMARY KEY,           -- the files as configured, under the schema folder
    checksum    text NOT NULL,              -- md5 of their texts, one after another
    row_count   integer NOT NULL,           -- commune codes loaded
    loaded_at   timestamptz NOT NULL DEFAULT now()
);
