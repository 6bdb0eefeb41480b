-- Applications submitted in the registry: the candidates an officer enters
-- into an evaluation round. Built only from registration's events.
CREATE TABLE applications (
    application_id  uuid PRIMARY KEY,
    dossier_code    text NOT NULL,
    product_id      uuid NOT NULL,
    kind            text NOT NULL,
    rule_set        text NOT NULL,
    registry_status text NOT NULL,
    portal_status_code integer NOT NULL,
    received_on     date,
    version         bigint NOT NULL,        -- registration's application version
    last_event_id   text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_product ON applications (product_id);
CREATE INDEX applications_status ON applications (registry_status);
