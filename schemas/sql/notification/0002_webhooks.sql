-- Webhooks: subscriptions of the portal and partners, one delivery per
-- (subscription, event), and every attempt to send it.

CREATE TABLE webhook_subscriptions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner text NOT NULL,                 -- the token subject that created it
    url text NOT NULL,
    event_types text[] NOT NULL,         -- exact types, or prefixes ending in '.'
    format text NOT NULL CHECK (format IN ('cloudevents', 'dossier_status')),
    description text,
    contact_email text,                  -- told when the subscription is paused; never logged
    max_in_flight integer NOT NULL CHECK (max_in_flight BETWEEN 1 AND 16),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_at timestamptz,
    paused_reason text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    secret text NOT NULL,                -- whsec_<base64 of 32 bytes>; never answered but once
    previous_secret text,                -- the secret before the last rotation
    previous_secret_until timestamptz,   -- it signs too until then
    secret_rotated_at timestamptz,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner, created_at);

CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id text NOT NULL,
    event_type text NOT NULL,
    content_type text NOT NULL,
    payload text NOT NULL,               -- the body sent, fixed when queued
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0, -- attempts made in all
    schedule_base integer NOT NULL DEFAULT 0, -- attempts before the last redrive
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,             -- a dispatcher is sending it until then
    last_http_status integer,
    last_error text,
    delivered_at timestamptz,
    dead_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (subscription_id, next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (subscription_id, created_at, id);

CREATE TABLE webhook_delivery_attempts (
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    n integer NOT NULL,
    started_at timestamptz NOT NULL,
    http_status integer,                 -- NULL when no answer came
    latency_ms integer NOT NULL,
    error text,                          -- at most 500 characters
    PRIMARY KEY (delivery_id, n)
);
