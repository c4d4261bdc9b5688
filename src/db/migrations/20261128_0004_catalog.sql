-- 政务数据资源目录 (§7–§15, §19). An entry keeps every version: a published version is immutable and
-- stays readable; an update is a new version that goes through review again (§12, §13).

CREATE TABLE subject_database (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('basic', 'theme')),
  name        text NOT NULL UNIQUE,
  lead_org_id uuid NOT NULL REFERENCES org (id),
  description text NOT NULL DEFAULT ''
);
COMMENT ON TABLE subject_database IS '基础数据库 / 主题数据库 (§14): only the lead department (牵头部门) maintains its entries';

CREATE TABLE catalog_entry (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id       uuid NOT NULL REFERENCES org (id),
  region_code       text NOT NULL REFERENCES region (code),
  code              text UNIQUE,
  status            text NOT NULL CHECK (status IN ('draft', 'pending', 'returned', 'published', 'withdrawing', 'withdrawn')),
  working_version   integer NOT NULL,
  published_version integer,
  name              text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  first_published_at timestamptz,
  withdrawn_at      timestamptz
);
COMMENT ON TABLE catalog_entry IS '目录条目 / catalog entry; its content lives in catalog_entry_version';
COMMENT ON COLUMN catalog_entry.code IS '统一编码 (§13) assigned at the first normative review; never changed or reused';
COMMENT ON COLUMN catalog_entry.status IS 'status of the working version, or withdrawing/withdrawn for the entry (§19)';
COMMENT ON COLUMN catalog_entry.published_version IS 'version others see; NULL until first published';
CREATE INDEX catalog_entry_provider ON catalog_entry (provider_id);
CREATE INDEX catalog_entry_region_status ON catalog_entry (region_code, status);

CREATE TABLE catalog_entry_version (
  entry_id      uuid NOT NULL REFERENCES catalog_entry (id),
  version       integer NOT NULL CHECK (version >= 1),
  body          jsonb NOT NULL,
  state         text NOT NULL CHECK (state IN ('draft', 'pending', 'returned', 'published', 'superseded')),
  created_by    uuid NOT NULL REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  submitted_at  timestamptz,
  published_at  timestamptz,
  search_doc    tsvector NOT NULL,
  PRIMARY KEY (entry_id, version)
);
COMMENT ON COLUMN catalog_entry_version.search_doc IS '检索词 / Han unigrams+bigrams and words of name (A), items (B), summary (C), provider (D) — §27';
CREATE INDEX catalog_entry_version_search ON catalog_entry_version USING gin (search_doc);
COMMENT ON TABLE catalog_entry_version IS '目录版本 / one version of an entry''s §9 fields and §10 data dictionary (body)';
COMMENT ON COLUMN catalog_entry_version.state IS 'published versions never change; the previous one becomes superseded';

CREATE TABLE catalog_entry_event (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_id   uuid NOT NULL REFERENCES catalog_entry (id),
  version    integer NOT NULL,
  action     text NOT NULL,
  actor_id   uuid REFERENCES app_user (id),
  org_id     uuid REFERENCES org (id),
  comment    text,
  at         timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE catalog_entry_event IS '目录流转记录 / the entry''s history shown to users: created, submitted, approved, returned, withdrawal…';
CREATE INDEX catalog_entry_event_entry ON catalog_entry_event (entry_id, id);

CREATE TABLE catalog_code_sequence (
  prefix   text PRIMARY KEY,
  last_seq integer NOT NULL
);
COMMENT ON TABLE catalog_code_sequence IS '顺序码 / last sequence number issued per classification prefix (§13); only ever increases';

CREATE TABLE catalog_withdrawal (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id         uuid NOT NULL REFERENCES catalog_entry (id),
  reason           text NOT NULL,
  requested_by     uuid NOT NULL REFERENCES app_user (id),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by       uuid REFERENCES app_user (id),
  decided_at       timestamptz,
  decision_comment text,
  filed_with_city  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE catalog_withdrawal IS '撤销申请 (§19): no published entry is withdrawn without the authority''s approval';
COMMENT ON COLUMN catalog_withdrawal.filed_with_city IS '县级撤销报市政务数据主管部门备案 (§19)';
CREATE UNIQUE INDEX catalog_withdrawal_one_pending ON catalog_withdrawal (entry_id) WHERE status = 'pending';

CREATE TABLE catalog_change_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id      uuid NOT NULL REFERENCES catalog_entry (id),
  kind          text NOT NULL CHECK (kind IN ('law', 'function')),
  title         text NOT NULL,
  description   text NOT NULL DEFAULT '',
  announced_on  date NOT NULL,
  due_on        date NOT NULL,
  due_at        timestamptz NOT NULL,
  provisional   boolean NOT NULL,
  recorded_by   uuid NOT NULL REFERENCES app_user (id),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at   timestamptz,
  resolved_version integer
);
COMMENT ON TABLE catalog_change_event IS '法规修订/职能变化 (§12): the entry must be updated within 15 working days of announced_on';
COMMENT ON COLUMN catalog_change_event.provisional IS 'deadline reaches a year without an official holiday schedule';
CREATE INDEX catalog_change_event_entry ON catalog_change_event (entry_id);
