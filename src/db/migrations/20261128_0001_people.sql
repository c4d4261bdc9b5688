-- Regions, departments and users (§5, §6, §8 of the data-sharing rules).

CREATE TABLE region (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        text NOT NULL UNIQUE,
  level       text NOT NULL CHECK (level IN ('city', 'county')),
  parent_code text REFERENCES region (code),
  CHECK ((level = 'city') = (parent_code IS NULL))
);
COMMENT ON TABLE region IS '行政区划 / administrative region: 晋城市 and its counties and 开发区';
COMMENT ON COLUMN region.code IS '行政区划代码 / 6-digit division code (a platform-assigned code where none is official)';

CREATE TABLE org (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key                text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9.]{1,31}$'),
  name               text NOT NULL UNIQUE,
  short_name         text NOT NULL,
  region_code        text NOT NULL REFERENCES region (code),
  kind               text NOT NULL CHECK (kind IN ('authority', 'department')),
  responsible_unit   text NOT NULL,
  responsible_person text NOT NULL,
  responsible_phone  text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE org IS '政务部门 / government department; kind authority = 政务数据主管部门 of its region';
COMMENT ON COLUMN org.responsible_unit IS '责任部门 (§6 备案) / unit responsible for the department''s data';
COMMENT ON COLUMN org.responsible_person IS '责任人 (§6 备案) / person responsible';
-- One authority per region (§5).
CREATE UNIQUE INDEX org_one_authority_per_region ON org (region_code) WHERE kind = 'authority';

CREATE TABLE app_user (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
  display_name    text NOT NULL,
  org_id          uuid NOT NULL REFERENCES org (id),
  roles           text[] NOT NULL,
  password_hash   text NOT NULL,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_user IS '用户 / platform user, always of one department';
COMMENT ON COLUMN app_user.roles IS '角色 / roles: super_admin authority catalog_editor data_steward approver requester security_officer auditor';
COMMENT ON COLUMN app_user.password_hash IS 'argon2id hash; the password itself is never stored';
COMMENT ON COLUMN app_user.locked_until IS '锁定至 / locked after repeated failed logins until this time';

CREATE TABLE user_session (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash  text NOT NULL UNIQUE,
  user_id     uuid NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  ip          text
);
COMMENT ON TABLE user_session IS '会话 / login session; only the SHA-256 of the bearer token is kept';
CREATE INDEX user_session_user ON user_session (user_id);
