-- Least privilege and passwords (security rules §13–§14), the optional TOTP second factor, and the
-- data-security agreement of every grant (security rules §27).

ALTER TABLE app_user
  ADD COLUMN last_login_at timestamptz,
  ADD COLUMN password_changed_at timestamptz;
COMMENT ON COLUMN app_user.last_login_at IS '最近登录 / last successful login (access review: inactive accounts)';
COMMENT ON COLUMN app_user.password_changed_at IS '密码修改时间 / when the password was last set by create, change or reset';

ALTER TABLE user_session
  ADD COLUMN last_seen_at timestamptz,
  ADD COLUMN totp_enrolment_pending boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN user_session.last_seen_at IS '最近活动 / last request (to the minute): an idle session ends';
COMMENT ON COLUMN user_session.totp_enrolment_pending IS 'the user''s roles require a second factor not yet enrolled: only enrolment is open to this session';

CREATE TABLE password_history (
  id            bigserial PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user (id),
  password_hash text NOT NULL,
  set_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE password_history IS '密码历史 / argon2id hashes of a user''s recent passwords: a new one may not repeat the last five (security rules §14)';
CREATE INDEX password_history_user ON password_history (user_id, set_at DESC);

CREATE TABLE user_totp (
  user_id       uuid PRIMARY KEY REFERENCES app_user (id),
  secret_sealed text NOT NULL,
  confirmed_at  timestamptz,
  last_step     bigint NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE user_totp IS '动态口令 / TOTP second factor (RFC 6238); enrolment pending until a first code confirms it';
COMMENT ON COLUMN user_totp.secret_sealed IS 'shared secret sealed with the platform key (AES-256-GCM); shown to the user once at enrolment';
COMMENT ON COLUMN user_totp.last_step IS 'time step of the last accepted code: a code is accepted once only';

CREATE TABLE login_challenge (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash  text NOT NULL UNIQUE,
  user_id     uuid NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  ip          text
);
COMMENT ON TABLE login_challenge IS '登录第二步 / short-lived challenge after a correct password, answered with a TOTP code; only its SHA-256 is kept';

CREATE TABLE role_change (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user (id),
  changed_by  uuid REFERENCES app_user (id),
  before      text[] NOT NULL,
  after       text[] NOT NULL,
  reason      text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE role_change IS '角色变更 / who granted or removed which role of whom, when and why (security rules §13–§14; reviewed in access reviews)';
COMMENT ON COLUMN role_change.changed_by IS 'the super admin who made the change; null for the platform itself (demo seed, migrations)';
CREATE INDEX role_change_at ON role_change (at DESC);

CREATE TABLE access_review (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reviewed_by  uuid NOT NULL REFERENCES app_user (id),
  org_id       uuid NOT NULL REFERENCES org (id),
  scope        text NOT NULL,
  remarks      text NOT NULL,
  summary      jsonb NOT NULL,
  reviewed_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE access_review IS '权限复核 / periodic review of accounts and roles by a security officer or auditor (security rules §13–§14)';
COMMENT ON COLUMN access_review.summary IS 'counts seen at review time: users, inactive, locked, role changes since the previous review';

CREATE TABLE grant_agreement (
  grant_id     uuid PRIMARY KEY REFERENCES share_grant (id),
  text_zh      text NOT NULL,
  text_en      text NOT NULL,
  text_hash    text NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES app_user (id),
  CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);
COMMENT ON TABLE grant_agreement IS '数据安全协议 (security rules §27) generated from the grant when it is made; the consumer accepts it before any use';
COMMENT ON COLUMN grant_agreement.text_zh IS '协议文本（中文，以此为准）/ the binding Chinese text';
COMMENT ON COLUMN grant_agreement.text_hash IS 'hex SHA-256 of text_zh followed by a newline and text_en: what was accepted';

-- The text of an agreement never changes once made; only its acceptance is written, once.
CREATE FUNCTION grant_agreement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.text_zh IS DISTINCT FROM OLD.text_zh OR NEW.text_en IS DISTINCT FROM OLD.text_en
     OR NEW.text_hash IS DISTINCT FROM OLD.text_hash OR NEW.generated_at IS DISTINCT FROM OLD.generated_at
     OR NEW.grant_id IS DISTINCT FROM OLD.grant_id THEN
    RAISE EXCEPTION 'grant_agreement text is immutable';
  END IF;
  IF OLD.accepted_at IS NOT NULL AND (NEW.accepted_at IS DISTINCT FROM OLD.accepted_at OR NEW.accepted_by IS DISTINCT FROM OLD.accepted_by) THEN
    RAISE EXCEPTION 'grant_agreement acceptance is final';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER grant_agreement_immutable BEFORE UPDATE ON grant_agreement
  FOR EACH ROW EXECUTE FUNCTION grant_agreement_immutable();
CREATE FUNCTION grant_agreement_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grant_agreement rows are kept';
END $$;
CREATE TRIGGER grant_agreement_no_delete BEFORE DELETE ON grant_agreement
  FOR EACH ROW EXECUTE FUNCTION grant_agreement_no_delete();
