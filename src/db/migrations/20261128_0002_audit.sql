-- Audit trail (§38 全流程审计; security rules §17). Written in the same transaction as the change it
-- records. prev_hash/hash are reserved for the hash chain of the security issue, so tamper-evidence
-- can be added without rewriting the table.

CREATE TABLE audit_record (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'app', 'system', 'anonymous')),
  actor_id    text,
  actor_name  text,
  org_id      uuid,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  outcome     text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip          text,
  request_id  text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text,
  hash        text
);
COMMENT ON TABLE audit_record IS '审计记录 / audit record: who did what to what, when, from where, with which outcome';
COMMENT ON COLUMN audit_record.outcome IS '结果 / success, failure (bad input, conflict) or denied (not permitted)';
COMMENT ON COLUMN audit_record.hash IS 'reserved: hash chain over (prev_hash, content), security rules §17';
CREATE INDEX audit_record_at ON audit_record (at);
CREATE INDEX audit_record_actor ON audit_record (actor_id, at);
CREATE INDEX audit_record_target ON audit_record (target_type, target_id);
CREATE INDEX audit_record_org ON audit_record (org_id, at);
