-- What an operator did with ocopctl to this service's events: a dead letter
-- redriven to its original topic or discarded, a read model rebuilt. A dead
-- letter with a row here is handled: `ocopctl dead-letters list` shows it so,
-- and a second redrive of it is refused unless forced. Each row is also
-- chained into the audit trail (audit_log.request_id = 'ocopctl:' || id).
CREATE TABLE operator_actions (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL,              -- 'ocopctl:' and the operator's name
    action      text NOT NULL CHECK (action IN ('redrive', 'discard', 'rebuild')),
    object      text NOT NULL,              -- '<dlq topic>:<partition>:<offset>', or the model
    event_id    text,                       -- the dead letter's ce_id, when it has one
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    forced      boolean NOT NULL DEFAULT false
);
CREATE INDEX operator_actions_object ON operator_actions (object, id);
