-- Producers as promotion knows them: only what the public may see.
CREATE TABLE producers (
    producer_id     uuid PRIMARY KEY,
    producer_type   text NOT NULL,
    public_name     text,                     -- NULL for household producers
    version         bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
