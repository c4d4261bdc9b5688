-- Consumer applications (应用系统) of a department that call the data API with an AppKey and a
-- secret (issue 4; data-sharing §38 接口访问安全). The secret is sealed under the platform key.

CREATE TABLE consumer_app (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES org (id),
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  app_key      text NOT NULL UNIQUE,
  secret_sealed text NOT NULL,
  ip_allowlist text[] NOT NULL DEFAULT '{}',
  disabled_at  timestamptz,
  created_by   uuid NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  rotated_at   timestamptz,
  UNIQUE (org_id, name)
);
COMMENT ON TABLE consumer_app IS '应用系统 / a department''s information system that receives shared data under its department''s grants';
COMMENT ON COLUMN consumer_app.secret_sealed IS 'HMAC secret sealed with the platform key (AES-256-GCM, key id inside); shown to the department once';
COMMENT ON COLUMN consumer_app.ip_allowlist IS 'if not empty, calls are accepted only from these addresses';
