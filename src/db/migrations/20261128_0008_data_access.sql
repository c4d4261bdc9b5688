-- The governed data plane (issue 4; §38–§39, security rules §24): nonces of signed calls (replay
-- protection) and one access record per data call, allowed or refused.

CREATE TABLE request_nonce (
  app_key  text NOT NULL,
  nonce    text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_key, nonce)
);
COMMENT ON TABLE request_nonce IS '已用随机数 / nonces of signed calls, kept past the 5-minute timestamp window so a replay is refused';
CREATE INDEX request_nonce_at ON request_nonce (at);

CREATE TABLE access_record (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  channel     text NOT NULL CHECK (channel IN ('api', 'table', 'file', 'verify')),
  app_key     text,
  app_id      uuid,
  org_id      uuid,
  grant_id    uuid,
  entry_id    uuid,
  items       text[] NOT NULL DEFAULT '{}',
  rows        integer NOT NULL DEFAULT 0,
  bytes       integer NOT NULL DEFAULT 0,
  outcome     text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  status      integer NOT NULL,
  error_code  text,
  latency_ms  integer NOT NULL,
  ip          text,
  request_id  text
);
COMMENT ON TABLE access_record IS '数据访问记录 / every data delivery or refusal: who (app, department), under which grant, which items, how many rows and bytes, outcome, latency, from where';
CREATE INDEX access_record_grant ON access_record (grant_id, at);
CREATE INDEX access_record_org ON access_record (org_id, at);
CREATE INDEX access_record_at ON access_record (at);
