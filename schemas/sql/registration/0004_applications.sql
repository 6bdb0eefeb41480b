-- Applications for evaluation (hồ sơ đăng ký đánh giá, phân hạng) with their
-- dossier documents and every status change.

CREATE TABLE applications (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id      uuid NOT NULL REFERENCES products (id),
    kind            text NOT NULL CHECK (kind IN ('first_time', 'upgrade', 're_recognition')),
    rule_set        text NOT NULL,          -- the product's rule set when the application was made
    status          text NOT NULL DEFAULT 'draft',
    dossier_code    text UNIQUE,            -- given on submission: <agency>-<YYMMDD>-<NNNN>
    received_on     date,                   -- receipt date (Asia/Ho_Chi_Minh)
    samples_count   integer NOT NULL DEFAULT 0 CHECK (samples_count >= 0),
    note            text,
    result          jsonb,                  -- the evaluation result, from its event
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_page ON applications (created_at DESC, id DESC);
CREATE INDEX applications_product ON applications (product_id);

-- Who moved an application, when, and why. Append-only.
CREATE TABLE application_transitions (
    id              bigserial PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    portal_code     integer NOT NULL,
    actor_role      text NOT NULL,
    actor           text NOT NULL,
    reason          text,
    cause_event_id  text,                   -- set when an event caused the move
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_transitions_app ON application_transitions (application_id, id);

-- Uploaded dossier documents, with their SHA-256.
CREATE TABLE dossier_documents (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id  uuid NOT NULL REFERENCES applications (id),
    item            text NOT NULL,
    filename        text NOT NULL,
    media_type      text NOT NULL,
    size_bytes      integer NOT NULL,
    sha256          text NOT NULL,
    content         bytea NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_documents_app ON dossier_documents (application_id, uploaded_at);

-- The 4-digit daily sequence of dossier codes per receiving agency.
CREATE TABLE dossier_sequences (
    agency          text NOT NULL,
    day             date NOT NULL,
    last            integer NOT NULL,
    PRIMARY KEY (agency, day)
);
