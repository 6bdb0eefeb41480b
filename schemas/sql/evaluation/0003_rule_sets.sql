-- Rule sets and criteria sets as versioned data (domain §1-2). The rows are
-- reference data: the service fills these tables at start-up from
-- schemas/reference/rule-sets/*.json and the criteria files they name under
-- schemas/reference/criteria/ (rule_set_load.c), replacing the whole content
-- in one transaction when the files' checksum changed. A new decision is a
-- new file, not a code change.
--
-- Points are whole numbers; a council score (a mean) is compared in
-- hundredths of a point by the service (rule_set.h), so 49.99 gives 2 stars
-- and 50 gives 3 under a band [50, 70).
--
-- Tables that will refer to these rows (score sheets, results, certificates)
-- should make their foreign keys DEFERRABLE INITIALLY DEFERRED, so that a
-- reload, which deletes and re-inserts every row in one transaction, keeps
-- them valid.

CREATE TABLE rule_sets (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position        integer NOT NULL UNIQUE,   -- listing order: by valid_from, unconfirmed last
    decision        text NOT NULL,             -- '148/QĐ-TTg'
    decision_date   date,
    title           text NOT NULL,
    confirmed       boolean NOT NULL,          -- false: reported, unverified; never in force
    valid_from      date,                      -- first day in force; NULL only when unconfirmed
    valid_to        date,                      -- last day in force, inclusive; NULL while in force
    amends          text REFERENCES rule_sets DEFERRABLE INITIALLY DEFERRED,
    replaces        text REFERENCES rule_sets DEFERRABLE INITIALLY DEFERRED,
    criteria_from   text NOT NULL REFERENCES rule_sets DEFERRABLE INITIALLY DEFERRED,
    potential_level text,                      -- level whose high score is only potential 5 stars
    potential_min_score integer,               -- points; at or above: potential 5 stars
    potential_forwarded_to text,               -- level that decides on the potential 5 stars
    certificate_validity_months integer NOT NULL CHECK (certificate_validity_months > 0),
    min_rounds_per_year integer,               -- evaluation rounds a year per level, when stated
    source_file     text NOT NULL,             -- path under the schema folder
    sources         jsonb NOT NULL,            -- where each value came from, as in the file
    confidence      jsonb NOT NULL,            -- how sure each topic is, as in the file
    notes           jsonb NOT NULL,
    CONSTRAINT rule_sets_dates CHECK (valid_from <= valid_to),
    CONSTRAINT rule_sets_confirmed CHECK (NOT confirmed OR valid_from IS NOT NULL),
    -- One confirmed rule set in force on any day.
    CONSTRAINT rule_sets_in_force EXCLUDE USING gist
        (daterange(valid_from, valid_to, '[]') WITH &&) WHERE (confirmed)
);

-- Parts of the score sheet (A, B, C) and their maximum points; they sum to 100.
CREATE TABLE rule_set_parts (
    rule_set    text NOT NULL REFERENCES rule_sets ON DELETE CASCADE,
    position    integer NOT NULL,
    code        text NOT NULL,
    name_vi     text NOT NULL,
    name_en     text,
    max_points  integer NOT NULL CHECK (max_points BETWEEN 1 AND 100),
    PRIMARY KEY (rule_set, code),
    UNIQUE (rule_set, position)
);

-- Scores in [min_score, max_score) give stars; the top band has no max_score.
CREATE TABLE rule_set_star_bands (
    rule_set    text NOT NULL REFERENCES rule_sets ON DELETE CASCADE,
    stars       integer NOT NULL CHECK (stars >= 1),
    min_score   integer NOT NULL CHECK (min_score BETWEEN 0 AND 100),
    max_score   integer CHECK (max_score BETWEEN 1 AND 100),
    PRIMARY KEY (rule_set, stars),
    CHECK (max_score > min_score)
);

-- Who does what at each evaluation level, and which stars it recognises.
CREATE TABLE rule_set_levels (
    rule_set    text NOT NULL REFERENCES rule_sets ON DELETE CASCADE,
    position    integer NOT NULL,
    level       text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    role        text NOT NULL CHECK (role IN ('checks_and_proposes', 'scores_and_proposes',
                                              'evaluates_and_recognises')),
    stars       integer[] NOT NULL,            -- empty unless role = 'evaluates_and_recognises'
    PRIMARY KEY (rule_set, level)
);

-- The criteria sets of a rule set (QĐ 148: one per product group). A set
-- without detail has only its number, sector, name and the rule set's part
-- maxima: its official criteria were not available, and none are invented.
CREATE TABLE criteria_sets (
    id              text PRIMARY KEY,          -- '<rule set>-set-<NN>', e.g. 'qd148-2023-set-01'
    rule_set        text NOT NULL REFERENCES rule_sets DEFERRABLE INITIALLY DEFERRED,
    number          integer NOT NULL CHECK (number >= 1),
    position        integer NOT NULL UNIQUE,   -- listing order: by rule set, then number
    sector          text NOT NULL,             -- 'I'..'VI' under QĐ 148
    sector_name_en  text NOT NULL,
    name_en         text NOT NULL,
    name_vi         text,                      -- NULL when not transcribed
    detailed        boolean NOT NULL,
    detail_note     text,                      -- why there is no detail; NULL when detailed
    confidence      text,                      -- of the detail ('low' for set 1); NULL without
    criteria_count  integer NOT NULL,
    option_count    integer NOT NULL,
    index_file      text NOT NULL,             -- paths under the schema folder
    detail_file     text,
    provenance      jsonb NOT NULL,            -- sources, confidence and notes of the files
    UNIQUE (rule_set, number),
    CHECK (detailed = (detail_file IS NOT NULL) AND detailed = (detail_note IS NULL))
);

-- Numbered groups of criteria within a part (QĐ 148 set 1: 12 groups).
CREATE TABLE criteria_groups (
    criteria_set    text NOT NULL REFERENCES criteria_sets ON DELETE CASCADE,
    code            text NOT NULL,
    part_code       text NOT NULL,
    position        integer NOT NULL,
    name_vi         text NOT NULL,
    name_en         text,
    max_points      integer NOT NULL,
    PRIMARY KEY (criteria_set, code)
);

-- Criteria and their options. A score sheet line will name
-- (criteria_set, criterion_code, option position).
CREATE TABLE criteria (
    criteria_set    text NOT NULL,
    code            text NOT NULL,             -- '1.a', '3.e', ...
    group_code      text NOT NULL,
    part_code       text NOT NULL,
    position        integer NOT NULL,          -- order on the score sheet
    name_vi         text NOT NULL,
    name_en         text,
    max_points      integer NOT NULL CHECK (max_points >= 1),
    -- The star markers' reading below is UNCONFIRMED (see the criteria file).
    mandatory_for_stars integer[] NOT NULL,
    min_points_for_stars jsonb NOT NULL,       -- {"4": 2, "5": 3}
    criterion_marked_mandatory integer,
    notes_vi        jsonb NOT NULL,
    PRIMARY KEY (criteria_set, code),
    FOREIGN KEY (criteria_set, group_code) REFERENCES criteria_groups ON DELETE CASCADE
);

CREATE TABLE criteria_options (
    criteria_set    text NOT NULL,
    criterion_code  text NOT NULL,
    position        integer NOT NULL,          -- 1, 2, ... within the criterion
    label_vi        text NOT NULL,
    points          integer NOT NULL CHECK (points >= 0),
    star_marker     integer CHECK (star_marker BETWEEN 3 AND 5),
    text_truncated_in_source boolean NOT NULL,
    PRIMARY KEY (criteria_set, criterion_code, position),
    FOREIGN KEY (criteria_set, criterion_code) REFERENCES criteria ON DELETE CASCADE
);

-- The files each load came from, so that a start with unchanged files does
-- not rewrite the tables.
CREATE TABLE rule_set_loads (
    source      text PRIMARY KEY,           -- the folders loaded, under the schema folder
    checksum    text NOT NULL,              -- md5 of the files' names and texts, in load order
    file_count  integer NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);
