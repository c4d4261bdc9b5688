-- 统一分类分级规则 (security rules §16) and the provider's review record of grants of graded data
-- (security rules §27). Encryption keys are NOT stored here: they live in the key file or GDX_KEYRING
-- (security rules §23; docs/security.md).

CREATE TABLE grading_rule_set (
  version      integer PRIMARY KEY CHECK (version >= 1),
  rules        jsonb NOT NULL,
  comment      text NOT NULL DEFAULT '',
  changed_by   uuid REFERENCES app_user (id),
  changed_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE grading_rule_set IS '统一分类分级规则的各个版本 / every version of the platform-wide grading rule set (security rules §16); the highest version is in force, none = the built-in defaults';
COMMENT ON COLUMN grading_rule_set.rules IS '分级规则：各级共享/开放上限、内部审查、安全评估、加密存储、水印、审计详细程度，敏感类型的最低分级与默认脱敏 / per-grade limits and safeguards, per-sensitive-type floor and default masking';
COMMENT ON COLUMN grading_rule_set.comment IS '修改说明 / why the authority changed it';
COMMENT ON COLUMN grading_rule_set.changed_by IS '修改人（主管部门）/ the authority user who saved this version';

CREATE TABLE grant_assessment (
  grant_id             uuid PRIMARY KEY REFERENCES share_grant (id),
  grade                smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
  important            boolean NOT NULL,
  rule_set_version     integer NOT NULL,
  internal_review      text NOT NULL,
  security_assessment  text,
  recorded_by          uuid REFERENCES app_user (id),
  recorded_at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE grant_assessment IS '授权的内部审查与安全评估记录 / the provider''s internal review and security assessment behind a grant of graded data (security rules §27)';
COMMENT ON COLUMN grant_assessment.grade IS '授权时目录的数据分级 / the entry''s grade when granted';
COMMENT ON COLUMN grant_assessment.rule_set_version IS '适用的分级规则版本（0 = 内置默认）/ grading rule set version applied (0 = built-in defaults)';
COMMENT ON COLUMN grant_assessment.internal_review IS '按分类分级要求的内部审查意见 / internal review opinion';
COMMENT ON COLUMN grant_assessment.security_assessment IS '涉敏数据的安全评估结论 / security assessment conclusion (required when the grade demands one)';
