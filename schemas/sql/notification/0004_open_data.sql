-- Open data: one snapshot a day (the service clock's day), made on the first
-- request of the day and kept for good, so that a day's files never change
-- once published. Each file is stored whole with its SHA-256 (its ETag).
-- Nothing here is personal data: only what the public verification shows.

CREATE TABLE open_data_snapshots (
    day date PRIMARY KEY,
    snapshot_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),  -- the paging cursor's id
    products integer NOT NULL CHECK (products >= 0),             -- rows in products.*
    revocations integer NOT NULL CHECK (revocations >= 0),       -- rows in revocations.*
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_data_files (
    day date NOT NULL REFERENCES open_data_snapshots (day),
    name text NOT NULL CHECK (name IN ('products.json', 'products.csv', 'revocations.json',
                                       'revocations.csv')),
    media_type text NOT NULL,
    content text NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),      -- of the UTF-8 content
    bytes integer NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (day, name)
);

-- What the catalogue rule needs beyond the read model, kept from evaluation's
-- events as promotion keeps it (schemas/sql/promotion/0003_standing.sql), so
-- that the open data's products are exactly the public catalogue's: when each
-- certificate was last put in force, and each post-certification inspection's
-- outcome. A product whose newest inspection ended in recall, suspension or
-- revocation after its certificate was last put in force is not listed.
CREATE TABLE public_certificate_force (
    certificate_id uuid PRIMARY KEY,
    status text NOT NULL,               -- as its newest event (by ce_time) left it
    in_force_since timestamptz,         -- ce_time of the event that last put it in force
    change_decision_date date,          -- the date of the decision that last changed it, or NULL
    event_time timestamptz NOT NULL     -- ce_time of the event applied last
);

CREATE TABLE public_inspections (
    inspection_id text PRIMARY KEY,
    product_id uuid NOT NULL,
    outcome text,                       -- NULL when not one promotion knows
    event_time timestamptz NOT NULL
);
CREATE INDEX public_inspections_product ON public_inspections (product_id, event_time DESC);
