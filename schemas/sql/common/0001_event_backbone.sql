-- The event backbone every service has in its own schema: the transactional
-- outbox, the consumer inbox and the Idempotency-Key store.

-- Events waiting to be published (and, for a while, those already published).
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    event_id      uuid NOT NULL UNIQUE,
    topic         text NOT NULL,
    event_type    text NOT NULL,
    source        text NOT NULL,
    subject       text NOT NULL,          -- aggregate id; also the Kafka key
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    traceparent   text,
    payload       jsonb NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Wakes the relay as soon as a transaction that wrote events commits.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ocop_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Every event this service consumed, committed with its effect.
CREATE TABLE inbox (
    event_id      text PRIMARY KEY,
    event_type    text NOT NULL,
    source        text NOT NULL,
    topic         text NOT NULL,
    kafka_partition integer NOT NULL,
    kafka_offset  bigint NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('applied', 'ignored', 'dead_lettered')),
    reason        text,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

-- Responses to POSTs that carried an Idempotency-Key, so a retry gets the same answer.
CREATE TABLE idempotency_keys (
    scope         text NOT NULL,          -- method and route
    idem_key      text NOT NULL,
    request_hash  text NOT NULL,
    status        integer NOT NULL,
    location      text,
    body          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);
