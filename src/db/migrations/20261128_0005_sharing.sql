-- Sharing workflow (§20–§32, §39–§40): requests, their deadline-bearing steps, negotiation threads,
-- grants, whole authorisations, objections, notifications — and where an entry's data is mounted.

CREATE TABLE catalog_mount (
  entry_id    uuid PRIMARY KEY REFERENCES catalog_entry (id),
  kind        text NOT NULL CHECK (kind IN ('table', 'api', 'file')),
  config      jsonb NOT NULL,
  mounted_by  uuid NOT NULL REFERENCES app_user (id),
  mounted_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE catalog_mount IS '资源挂接 (§17): where the entry''s data is on the platform; without one the provider has 10 working days and must publish (§30(二))';

CREATE TABLE share_request (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id         uuid NOT NULL REFERENCES catalog_entry (id),
  entry_version    integer NOT NULL,
  provider_id      uuid NOT NULL REFERENCES org (id),
  consumer_id      uuid NOT NULL REFERENCES org (id),
  requester_id     uuid NOT NULL REFERENCES app_user (id),
  items            text[] NOT NULL,
  purpose          text NOT NULL,
  scenario         text NOT NULL,
  basis            text NOT NULL,
  method           text NOT NULL CHECK (method IN ('table', 'api', 'file', 'verify')),
  valid_until      date NOT NULL,
  app_id           uuid,
  route            text NOT NULL DEFAULT 'standard' CHECK (route IN ('standard', 'desensitized')),
  desensitization  text,
  status           text NOT NULL CHECK (status IN ('reviewing', 'returned', 'rejected', 'forwarded', 'granted', 'refused', 'negotiation', 'coordination', 'cancelled')),
  coordinated      boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE share_request IS '共享申请 (§26–§30): the using department asks for items of a published entry, for a purpose and scenario';
COMMENT ON COLUMN share_request.coordinated IS 'a refusal upheld by the authority''s coordination is final (§30(三))';
CREATE INDEX share_request_consumer ON share_request (consumer_id, status);
CREATE INDEX share_request_provider ON share_request (provider_id, status);
-- One open request per department and entry.
CREATE UNIQUE INDEX share_request_one_open ON share_request (consumer_id, entry_id)
  WHERE status IN ('reviewing', 'returned', 'forwarded', 'negotiation', 'coordination');

CREATE TABLE share_request_step (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id         uuid NOT NULL REFERENCES share_request (id),
  kind               text NOT NULL CHECK (kind IN ('compliance_review', 'provider_reply', 'negotiation', 'coordination')),
  status             text NOT NULL CHECK (status IN ('open', 'paused', 'done', 'cancelled')),
  started_at         timestamptz NOT NULL DEFAULT now(),
  due_at             timestamptz,
  due_on             date,
  provisional        boolean NOT NULL DEFAULT false,
  remaining_workdays integer,
  done_at            timestamptz,
  actor_id           uuid REFERENCES app_user (id),
  decision           text,
  comment            text,
  warned_at          timestamptz,
  overdue_at         timestamptz
);
COMMENT ON TABLE share_request_step IS '办理环节 with its legal deadline (working days, Asia/Shanghai); paused while a returned request is with the requester';
COMMENT ON COLUMN share_request_step.remaining_workdays IS 'working days left when the clock was paused';
CREATE INDEX share_request_step_request ON share_request_step (request_id, started_at);
CREATE INDEX share_request_step_open_due ON share_request_step (due_at) WHERE status = 'open';

CREATE TABLE share_request_message (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES share_request (id),
  org_id      uuid NOT NULL REFERENCES org (id),
  author_id   uuid NOT NULL REFERENCES app_user (id),
  body        text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE share_request_message IS '协商记录 (§30(三)): both sides'' messages, filed with the authority';

CREATE TABLE share_grant (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id     uuid REFERENCES share_request (id),
  entry_id       uuid NOT NULL REFERENCES catalog_entry (id),
  provider_id    uuid NOT NULL REFERENCES org (id),
  consumer_id    uuid NOT NULL REFERENCES org (id),
  items          text[] NOT NULL,
  method         text NOT NULL,
  conditions     jsonb NOT NULL DEFAULT '{}'::jsonb,
  purpose        text NOT NULL,
  scenario       text NOT NULL,
  valid_from     date NOT NULL,
  valid_until    date NOT NULL,
  status         text NOT NULL CHECK (status IN ('active', 'suspended', 'expired', 'revoked')),
  granted_by     text NOT NULL CHECK (granted_by IN ('platform', 'provider', 'whole', 'coordination')),
  granted_by_user uuid REFERENCES app_user (id),
  last_used_at   timestamptz,
  idle_flagged_at timestamptz,
  revoked_at     timestamptz,
  revoked_by     uuid REFERENCES app_user (id),
  revoke_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until >= valid_from AND valid_until <= valid_from + interval '3 years')
);
COMMENT ON TABLE share_grant IS '授权 (§29, §31, §39): who may use which items of which entry, how, for what purpose, until when (≤ 3 years)';
COMMENT ON COLUMN share_grant.last_used_at IS 'last real delivery (written by the delivery layer); idle > 3 months may be revoked (§31)';
CREATE INDEX share_grant_consumer ON share_grant (consumer_id, status);
CREATE INDEX share_grant_provider ON share_grant (provider_id, status);
CREATE INDEX share_grant_entry ON share_grant (entry_id, status);

CREATE TABLE whole_authorization (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id     uuid NOT NULL REFERENCES catalog_entry (id),
  provider_id  uuid NOT NULL REFERENCES org (id),
  items        text[] NOT NULL,
  methods      text[] NOT NULL,
  conditions   jsonb NOT NULL DEFAULT '{}'::jsonb,
  valid_until  date NOT NULL,
  created_by   uuid NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  revoked_by   uuid REFERENCES app_user (id),
  revoke_reason text
);
COMMENT ON TABLE whole_authorization IS '整体授权 (§29): the provider authorises the platform to grant matching requests itself';

CREATE TABLE objection (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id      uuid NOT NULL REFERENCES catalog_entry (id),
  provider_id   uuid NOT NULL REFERENCES org (id),
  consumer_id   uuid NOT NULL REFERENCES org (id),
  reporter_id   uuid NOT NULL REFERENCES app_user (id),
  items         text[] NOT NULL DEFAULT '{}',
  sample_keys   text[] NOT NULL DEFAULT '{}',
  description   text NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'corrected', 'confirmed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  due_at        timestamptz NOT NULL,
  due_on        date NOT NULL,
  provisional   boolean NOT NULL,
  warned_at     timestamptz,
  overdue_at    timestamptz,
  resolved_at   timestamptz,
  resolver_id   uuid REFERENCES app_user (id),
  outcome_comment text
);
COMMENT ON TABLE objection IS '数据异议 (§32): the provider verifies and corrects within 5 working days of receiving it';

CREATE TABLE notification (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user (id),
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL DEFAULT '',
  link        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
COMMENT ON TABLE notification IS '站内通知 / inbox: every step that needs someone''s action, per user';
CREATE INDEX notification_user ON notification (user_id, id DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;
