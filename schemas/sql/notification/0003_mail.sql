-- E-mail to producers (mail.h): one row per message, queued in the consumer's
-- transaction, at most one per (event, kind), sent by the sender thread. A
-- producer's address is never kept here: it is fetched from registration at
-- send time and forgotten. Only a message to a fixed operator address
-- (mail_queue_address, e.g. a paused webhook subscription's owner) keeps it.

CREATE TABLE mail_messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id text NOT NULL,              -- the ce_id that called for it, or the caller's key
    kind text NOT NULL,                  -- certificate-revoked, dossier-accepted, ... (template)
    mandatory boolean NOT NULL,          -- 1: sent even when the producer opted out
    producer_id uuid,                    -- the producer mailed (NULL until known, or operator mail)
    product_id uuid,                     -- the product the event concerns, when any
    to_address text,                     -- only for operator mail; never a producer's
    vars jsonb NOT NULL,                 -- the template's values from the event (no contact data)
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'failed', 'no_address', 'opted_out')),
    attempts integer NOT NULL DEFAULT 0, -- tries made (each registration or SMTP try)
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,             -- a sender holds it until then
    last_error text,                     -- why the last try failed (never an address)
    smtp_message_id text,                -- the Message-ID of the sent message
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    UNIQUE (event_id, kind),
    CHECK (to_address IS NULL OR producer_id IS NULL),
    CHECK (to_address IS NOT NULL OR product_id IS NOT NULL OR producer_id IS NOT NULL)
);
CREATE INDEX mail_messages_due ON mail_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_messages_page ON mail_messages (created_at DESC, id DESC);
CREATE INDEX mail_messages_producer ON mail_messages (producer_id, created_at DESC);

-- A producer's choice about non-mandatory mail (absent: mail is wanted).
CREATE TABLE mail_preferences (
    producer_id uuid PRIMARY KEY,
    opt_out boolean NOT NULL,
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL             -- token subject of the last change
);
