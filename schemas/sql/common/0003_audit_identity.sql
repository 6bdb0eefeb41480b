-- Identity: the audit trail of every mutating and every refused request, and
-- Idempotency-Keys scoped to the caller that sent them.

-- One row per mutating request (POST, PUT, PATCH, DELETE) and per refused one
-- (401, 403). Append-only: UPDATE, DELETE and TRUNCATE are refused by triggers
-- and revoked from the service role; only the maintenance role purges rows
-- older than the retention (audit_purge), and the purge is itself a row of the
-- chain. Each row carries the hash of the row before it (prev_hash) and its
-- own hash over prev_hash and its content (audit_row_hash), so a changed or
-- removed row breaks the chain at that point (ocop-audit verify names it).
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    subject     text,                       -- the token's sub; NULL when anonymous
    roles       text[] NOT NULL,            -- the token's roles (platform names)
    method      text NOT NULL,
    route       text NOT NULL,              -- the route template, e.g. /v1/products/{id}
    object_id   text,                       -- the object acted on, when one is named
    status      integer NOT NULL,           -- the response's HTTP status
    request_id  text NOT NULL,
    client      text,                       -- the client's address
    prev_hash   text NOT NULL,
    hash        text NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, id);
CREATE INDEX audit_log_object ON audit_log (object_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The hash of one row: SHA-256 (hex) of a JSON array of the previous hash and
-- every column but hash, the time written in UTC to the microsecond.
CREATE FUNCTION audit_row_hash(p_prev text, p_id bigint, p_at timestamptz, p_subject text,
                               p_roles text[], p_method text, p_route text, p_object text,
                               p_status integer, p_request text, p_client text)
RETURNS text LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
        p_prev, p_id, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        p_subject, to_jsonb(p_roles), p_method, p_route, p_object, p_status, p_request,
        p_client)::text, 'UTF8')), 'hex')
$$;

-- The functions keep the schema they were made in (search_path FROM CURRENT), whoever
-- calls them. Appends one row under the chain's lock (one writer at a time per schema, so
-- every row links to the one committed before it). p_at is for a superuser
-- back-dating rows in a test; the services never pass it.
CREATE FUNCTION audit_append(p_subject text, p_roles text[], p_method text, p_route text,
                             p_object text, p_status integer, p_request text, p_client text,
                             p_at timestamptz DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    v_prev text;
    v_id   bigint;
    v_at   timestamptz := coalesce(p_at, clock_timestamp());
BEGIN
    IF p_at IS NOT NULL AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'only a superuser may date an audit row';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'));
    SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
    v_prev := coalesce(v_prev, repeat('0', 64));
    v_id := nextval(pg_get_serial_sequence(current_schema() || '.audit_log', 'id'));
    INSERT INTO audit_log (id, at, subject, roles, method, route, object_id, status, request_id,
                           client, prev_hash, hash)
    VALUES (v_id, v_at, p_subject, p_roles, p_method, p_route, p_object, p_status, p_request,
            p_client, v_prev,
            audit_row_hash(v_prev, v_id, v_at, p_subject, p_roles, p_method, p_route, p_object,
                           p_status, p_request, p_client));
    RETURN v_id;
END;
$$;

-- UPDATE, DELETE and TRUNCATE are refused; DELETE only for the maintenance role.
CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_user = 'ocop_maintenance' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

-- Purges the rows older than p_before (at least 92 days ago, TCVN 11930's three
-- months), then appends a chained row that names the last purged row and its
-- hash, from which the chain check starts again. Only the maintenance role.
CREATE FUNCTION audit_purge(p_before timestamptz) RETURNS bigint LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    v_last audit_log%ROWTYPE;
    v_count bigint;
BEGIN
    IF current_user <> 'ocop_maintenance' THEN
        RAISE EXCEPTION 'only ocop_maintenance purges the audit trail'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_before > now() - interval '92 days' THEN
        RAISE EXCEPTION 'audit rows are kept at least 92 days';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'));
    SELECT * INTO v_last FROM audit_log
     WHERE at < p_before AND id < (SELECT max(id) FROM audit_log) ORDER BY id DESC LIMIT 1;
    IF v_last.id IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM audit_log WHERE id <= v_last.id;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    PERFORM audit_append('ocop_maintenance', '{}', 'PURGE', 'audit_log',
                         v_last.id || ':' || v_last.hash, 200, 'purge', NULL);
    RETURN v_count;
END;
$$;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocop_maintenance') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ocop_maintenance', current_schema());
        GRANT SELECT, INSERT, DELETE ON audit_log TO ocop_maintenance;
        GRANT USAGE ON SEQUENCE audit_log_id_seq TO ocop_maintenance;
    END IF;
END;
$$;

-- Idempotency-Keys belong to the caller that sent them: one subject's key never
-- replays another's response. Rows older than OCOP_IDEMPOTENCY_TTL_S are purged.
ALTER TABLE idempotency_keys ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (scope, subject, idem_key);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
