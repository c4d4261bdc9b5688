-- Oversight (security rules §29–§34): security inspections with self-assessments, findings and their
-- rectification; security incidents; grant suspensions ordered by either; data destruction with
-- approval, record and filing. Every deadline is in working days (Asia/Shanghai), stored as the
-- instant it ends (due_at), the last working day (due_on) and whether it is provisional.

CREATE TABLE security_inspection (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code            text NOT NULL REFERENCES region (code),
  title                  text NOT NULL,
  focus                  text NOT NULL DEFAULT '',
  check_items            text[] NOT NULL CHECK (cardinality(check_items) > 0),
  self_assessment_due_at timestamptz NOT NULL,
  self_assessment_due_on date NOT NULL,
  provisional            boolean NOT NULL,
  onsite_from            date,
  onsite_until           date,
  status                 text NOT NULL CHECK (status IN ('open', 'closed')),
  created_by             uuid NOT NULL REFERENCES app_user (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  closed_by              uuid REFERENCES app_user (id),
  closed_at              timestamptz,
  summary                text,
  CHECK (onsite_until IS NULL OR onsite_from IS NULL OR onsite_until >= onsite_from)
);
COMMENT ON TABLE security_inspection IS '政务数据安全监督检查方案 (Sec §30, §32(一) 安排部署): 检查重点、内容和时间安排';
COMMENT ON COLUMN security_inspection.focus IS '检查重点 / what the inspection looks at first';
COMMENT ON COLUMN security_inspection.check_items IS '检查内容: codes of Sec §31 (一)–(九) (src/domain/oversight/vocabulary.ts)';
COMMENT ON COLUMN security_inspection.self_assessment_due_on IS '自查报告报送期限 / last working day for the self-assessments (Sec §32(二))';
COMMENT ON COLUMN security_inspection.onsite_from IS '实地检查时间安排 / planned on-site window (Sec §32(一)(三))';

CREATE TABLE inspection_target (
  inspection_id     uuid NOT NULL REFERENCES security_inspection (id),
  org_id            uuid NOT NULL REFERENCES org (id),
  status            text NOT NULL CHECK (status IN ('self_assessment', 'onsite_check', 'rectification', 'passed', 'rectified')),
  self_report       text,
  self_assessed_by  uuid REFERENCES app_user (id),
  self_assessed_at  timestamptz,
  onsite_by         uuid REFERENCES app_user (id),
  onsite_at         timestamptz,
  onsite_comment    text,
  warned_at         timestamptz,
  overdue_at        timestamptz,
  PRIMARY KEY (inspection_id, org_id)
);
COMMENT ON TABLE inspection_target IS '受检部门 / a department in an inspection''s scope and where it stands in Sec §32''s four steps';
COMMENT ON COLUMN inspection_target.self_report IS '自查报告 / the department''s self-assessment report (Sec §32(二))';
COMMENT ON COLUMN inspection_target.onsite_comment IS '检查复核意见 / the on-site check''s conclusion (Sec §32(三))';
COMMENT ON COLUMN inspection_target.overdue_at IS 'when the self-assessment was found late';
CREATE INDEX inspection_target_org ON inspection_target (org_id, status);

CREATE TABLE inspection_self_item (
  inspection_id  uuid NOT NULL,
  org_id         uuid NOT NULL,
  item           text NOT NULL,
  conclusion     text NOT NULL CHECK (conclusion IN ('compliant', 'partial', 'non_compliant', 'not_applicable')),
  note           text NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, org_id, item),
  FOREIGN KEY (inspection_id, org_id) REFERENCES inspection_target (inspection_id, org_id)
);
COMMENT ON TABLE inspection_self_item IS '自查评估 / the department''s conclusion and evidence per check item (Sec §31, §32(二))';

CREATE TABLE inspection_finding (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id    uuid NOT NULL,
  org_id           uuid NOT NULL,
  item             text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('general', 'major')),
  description      text NOT NULL,
  opinion          text NOT NULL,
  workdays         integer NOT NULL CHECK (workdays BETWEEN 1 AND 60),
  due_at           timestamptz NOT NULL,
  due_on           date NOT NULL,
  provisional      boolean NOT NULL,
  status           text NOT NULL CHECK (status IN ('rectifying', 'reported', 'accepted')),
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  report           text,
  reported_by      uuid REFERENCES app_user (id),
  reported_at      timestamptz,
  decided_by       uuid REFERENCES app_user (id),
  decided_at       timestamptz,
  decision_comment text,
  warned_at        timestamptz,
  overdue_at       timestamptz,
  FOREIGN KEY (inspection_id, org_id) REFERENCES inspection_target (inspection_id, org_id)
);
COMMENT ON TABLE inspection_finding IS '检查发现的问题 / a finding of the on-site check with the authority''s 处理意见 and its rectification deadline (Sec §32(三)(四), §33)';
COMMENT ON COLUMN inspection_finding.opinion IS '处理意见 / what the department must do (Sec §32(三))';
COMMENT ON COLUMN inspection_finding.workdays IS '整改期限（工作日）/ the limit the authority set (Sec §33 限期整改)';
COMMENT ON COLUMN inspection_finding.report IS '整改情况 / the department''s rectification report (Sec §32(四))';
CREATE INDEX inspection_finding_open ON inspection_finding (due_at) WHERE status <> 'accepted';
CREATE INDEX inspection_finding_target ON inspection_finding (inspection_id, org_id);

CREATE TABLE security_incident (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id             uuid NOT NULL REFERENCES org (id),
  region_code        text NOT NULL REFERENCES region (code),
  kind               text NOT NULL CHECK (kind IN ('attack', 'leak', 'tampering', 'notified', 'other_major')),
  title              text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  scope              text NOT NULL,
  affected_data      text NOT NULL DEFAULT '',
  affected_entry_ids uuid[] NOT NULL DEFAULT '{}',
  affected_grant_ids uuid[] NOT NULL DEFAULT '{}',
  measures           text NOT NULL,
  plan_started_at    timestamptz,
  status             text NOT NULL CHECK (status IN ('reported', 'responding', 'resolved', 'closed')),
  reported_by        uuid NOT NULL REFERENCES app_user (id),
  reported_at        timestamptz NOT NULL DEFAULT now(),
  summary            text,
  closed_at          timestamptz
);
COMMENT ON TABLE security_incident IS '政务数据安全事件 (Sec §34): reported at once with the emergency plan started and remedial measures; handled by the authority (Sec §7(四))';
COMMENT ON COLUMN security_incident.org_id IS 'the department where it happened (the reporter''s own, or named by the authority)';
COMMENT ON COLUMN security_incident.kind IS 'Sec §34 情形 (一)–(五)';
COMMENT ON COLUMN security_incident.measures IS '已采取的补救措施 / remedial measures taken (Sec §34)';
COMMENT ON COLUMN security_incident.plan_started_at IS '启动应急预案时间 / when the emergency plan was started (Sec §34 立即启动应急预案)';
COMMENT ON COLUMN security_incident.summary IS '结案总结 / closing summary';
CREATE INDEX security_incident_status ON security_incident (region_code, status);

CREATE TABLE security_incident_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES security_incident (id),
  kind         text NOT NULL CHECK (kind IN ('reported', 'plan_started', 'respond', 'resolve', 'close', 'note', 'suspension')),
  actor_id     uuid REFERENCES app_user (id),
  org_id       uuid REFERENCES org (id),
  body         text NOT NULL DEFAULT '',
  at           timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE security_incident_event IS '事件处置记录 / the incident''s timeline: report, plan start, response, suspensions, resolution, close';
CREATE INDEX security_incident_event_incident ON security_incident_event (incident_id, id);

CREATE TABLE grant_suspension (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  grant_id      uuid NOT NULL REFERENCES share_grant (id),
  cause_type    text NOT NULL CHECK (cause_type IN ('finding', 'incident')),
  cause_id      uuid NOT NULL,
  reason        text NOT NULL,
  suspended_by  uuid NOT NULL REFERENCES app_user (id),
  suspended_at  timestamptz NOT NULL DEFAULT now(),
  lifted_by     uuid REFERENCES app_user (id),
  lifted_at     timestamptz
);
COMMENT ON TABLE grant_suspension IS '暂停授权 / a grant suspended because of an inspection finding (Sec §33 立即制止) or an incident (Sec §34 补救措施); no data flows while suspended';
CREATE INDEX grant_suspension_grant ON grant_suspension (grant_id);
CREATE INDEX grant_suspension_cause ON grant_suspension (cause_type, cause_id);

CREATE TABLE destruction_request (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES org (id),
  region_code       text NOT NULL REFERENCES region (code),
  target            text NOT NULL CHECK (target IN ('front_table', 'synced_copy', 'files')),
  method            text NOT NULL CHECK (method IN ('delete_rows', 'drop_synced_copy', 'attested_deletion')),
  origin            text NOT NULL CHECK (origin IN ('request', 'grant_end')),
  entry_id          uuid REFERENCES catalog_entry (id),
  grant_id          uuid REFERENCES share_grant (id),
  files             jsonb NOT NULL DEFAULT '[]'::jsonb,
  reason            text NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'executed', 'filed')),
  requested_by      uuid REFERENCES app_user (id),
  requested_at      timestamptz NOT NULL DEFAULT now(),
  due_at            timestamptz,
  due_on            date,
  provisional       boolean NOT NULL DEFAULT false,
  decided_by        uuid REFERENCES app_user (id),
  decided_at        timestamptz,
  decision_comment  text,
  executed_by       uuid REFERENCES app_user (id),
  executed_at       timestamptz,
  rows_destroyed    bigint,
  bytes_destroyed   bigint,
  checksum          text,
  verification      jsonb,
  filed_by          uuid REFERENCES app_user (id),
  filed_at          timestamptz,
  filing_comment    text,
  warned_at         timestamptz,
  overdue_at        timestamptz,
  CHECK (target <> 'front_table' OR entry_id IS NOT NULL),
  CHECK (target <> 'synced_copy' OR grant_id IS NOT NULL)
);
COMMENT ON TABLE destruction_request IS '数据销毁 (Sec §29): 审批、记录和备案 — what is destroyed, approved by whom, how much, how, verified how, filed with the authority';
COMMENT ON COLUMN destruction_request.origin IS 'request: a department asked; grant_end: a table grant ended and the consumer must destroy its copy (a task with a deadline)';
COMMENT ON COLUMN destruction_request.files IS 'files to destroy: [{name, bytes, sha256}]';
COMMENT ON COLUMN destruction_request.rows_destroyed IS '销毁记录数 / rows destroyed';
COMMENT ON COLUMN destruction_request.bytes_destroyed IS '销毁数据量（字节）/ bytes destroyed';
COMMENT ON COLUMN destruction_request.checksum IS 'digest of what was destroyed, taken just before';
COMMENT ON COLUMN destruction_request.verification IS 'the check after execution, e.g. {"countAfter":0}';
CREATE UNIQUE INDEX destruction_request_one_task ON destruction_request (grant_id) WHERE origin = 'grant_end';
CREATE INDEX destruction_request_org ON destruction_request (org_id, status);
