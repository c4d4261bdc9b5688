/** Kysely table types, one interface per table of ./migrations (keep them in step). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionTable {
  code: string;
  name: string;
  level: 'city' | 'county';
  parent_code: string | null;
}

export interface OrgTable {
  id: Generated<string>;
  key: string;
  name: string;
  short_name: string;
  region_code: string;
  kind: 'authority' | 'department';
  responsible_unit: string;
  responsible_person: string;
  responsible_phone: string;
  created_at: CreatedAt;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_id: string;
  roles: string[];
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
}

export interface UserSessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  last_seen_at: Timestamp | null;
  totp_enrolment_pending: Generated<boolean>;
}

/** Migration 0015: passwords, second factor, role changes, access reviews (security rules §13–§14). */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  set_at: Generated<Date>;
}

export interface UserTotpTable {
  user_id: string;
  secret_sealed: string;
  confirmed_at: Timestamp | null;
  last_step: Generated<number>;
  created_at: CreatedAt;
}

export interface LoginChallengeTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  ip: string | null;
}

export interface RoleChangeTable {
  id: Generated<number>;
  user_id: string;
  changed_by: string | null;
  before: string[];
  after: string[];
  reason: Generated<string>;
  at: Generated<Date>;
}

export interface AccessReviewTable {
  id: Generated<string>;
  reviewed_by: string;
  org_id: string;
  scope: string;
  remarks: string;
  summary: Json<Record<string, unknown>>;
  reviewed_at: Generated<Date>;
}

/** 数据安全协议 of a grant (security rules §27), migration 0015. */
export interface GrantAgreementTable {
  grant_id: string;
  text_zh: string;
  text_en: string;
  text_hash: string;
  generated_at: Generated<Date>;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
}

export interface AuditRecordTable {
  id: Generated<number>;
  at: Timestamp;
  actor_type: 'user' | 'app' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  request_id: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string | null;
  hash: string | null;
  /** Position in the hash chain; NULL until sealed (src/modules/audit/chain.ts). */
  seal_seq: number | null;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: Date;
  seal_seq: number;
  head_hash: string;
  key_id: string;
  public_key: string;
  signature: string;
  created_by: string | null;
}

export interface AuditArchiveTable {
  id: Generated<number>;
  month: string;
  archived_at: Generated<Date>;
  records: number;
  seq_ranges: Json<Array<[number, number]>>;
  end_hashes: Json<Record<string, string>>;
  file_sha256: string;
  key_id: string;
  signature: string;
  file_name: string | null;
  created_by: string | null;
  dropped_at: Date | null;
}

export interface CalendarYearTable {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string | null;
  imported_at: CreatedAt;
  imported_by: string;
}

export interface PlatformSettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SubjectDatabaseTable {
  id: Generated<string>;
  kind: 'basic' | 'theme';
  name: string;
  lead_org_id: string;
  description: Generated<string>;
}

export interface CatalogEntryTable {
  id: Generated<string>;
  provider_id: string;
  region_code: string;
  code: string | null;
  status: 'draft' | 'pending' | 'returned' | 'published' | 'withdrawing' | 'withdrawn';
  working_version: number;
  published_version: number | null;
  name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  first_published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
}

export interface CatalogEntryVersionTable {
  entry_id: string;
  version: number;
  body: Json<unknown>;
  state: 'draft' | 'pending' | 'returned' | 'published' | 'superseded';
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  /** tsvector; written with sql, never read as a value. */
  search_doc: ColumnType<string, unknown, unknown>;
  /** The indexing rules search_doc was built by (SEARCH_DOC_VERSION); older ones are rebuilt at start. */
  search_version: Generated<number>;
}

export interface CatalogEntryEventTable {
  id: Generated<number>;
  entry_id: string;
  version: number;
  action: string;
  actor_id: string | null;
  org_id: string | null;
  comment: string | null;
  at: CreatedAt;
}

export interface CatalogCodeSequenceTable {
  prefix: string;
  last_seq: number;
}

export interface CatalogWithdrawalTable {
  id: Generated<string>;
  entry_id: string;
  reason: string;
  requested_by: string;
  requested_at: CreatedAt;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  filed_with_city: Generated<boolean>;
}

export interface CatalogChangeEventTable {
  id: Generated<string>;
  entry_id: string;
  kind: 'law' | 'function';
  title: string;
  description: Generated<string>;
  announced_on: string;
  due_on: string;
  due_at: Timestamp;
  provisional: boolean;
  recorded_by: string;
  recorded_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_version: number | null;
}

export interface CatalogMountTable {
  entry_id: string;
  kind: 'table' | 'api' | 'file';
  config: Json<Record<string, unknown>>;
  mounted_by: string;
  mounted_at: CreatedAt;
  updated_at: Timestamp;
  /** The 前置库's URL sealed under the platform key (migration 0009); null = the platform's own database. */
  connection_sealed: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 挂接变更 (migration 0018): a change of a mount with live grants, waiting for or decided by the authority (§16, §17). */
export interface CatalogMountChangeTable {
  id: Generated<string>;
  entry_id: string;
  kind: 'table' | 'api' | 'file';
  /** As catalog_mount.config would hold it: an api mount's URL and credential sealed. */
  config: Json<Record<string, unknown>>;
  connection_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  proposed_by: string;
  proposed_at: CreatedAt;
  status: Generated<'pending' | 'approved' | 'rejected' | 'withdrawn'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
}

export type RequestStatusColumn =
  | 'reviewing' | 'returned' | 'rejected' | 'forwarded' | 'granted' | 'refused' | 'negotiation' | 'coordination' | 'cancelled';

export interface ShareRequestTable {
  id: Generated<string>;
  entry_id: string;
  entry_version: number;
  provider_id: string;
  consumer_id: string;
  requester_id: string;
  items: string[];
  purpose: string;
  scenario: string;
  basis: string;
  method: 'table' | 'api' | 'file' | 'verify';
  valid_until: string;
  app_id: string | null;
  route: Generated<'standard' | 'desensitized'>;
  desensitization: string | null;
  /** The rows asked for (§27): { rowScope?, rowFilter? } — migration 0012. */
  conditions: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: RequestStatusColumn;
  coordinated: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ShareRequestStepTable {
  id: Generated<string>;
  request_id: string;
  kind: 'compliance_review' | 'provider_reply' | 'negotiation' | 'coordination';
  status: 'open' | 'paused' | 'done' | 'cancelled';
  started_at: Timestamp;
  due_at: Timestamp | null;
  due_on: string | null;
  provisional: Generated<boolean>;
  remaining_workdays: number | null;
  done_at: Timestamp | null;
  actor_id: string | null;
  decision: string | null;
  comment: string | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
  /** Creation order, among steps started at the same instant. */
  seq: Generated<string>;
}

export interface ShareRequestMessageTable {
  id: Generated<number>;
  request_id: string;
  org_id: string;
  author_id: string;
  body: string;
  at: CreatedAt;
}

export interface ShareGrantTable {
  id: Generated<string>;
  request_id: string | null;
  entry_id: string;
  provider_id: string;
  consumer_id: string;
  items: string[];
  method: string;
  conditions: Json<Record<string, unknown>>;
  purpose: string;
  scenario: string;
  valid_from: string;
  valid_until: string;
  status: 'active' | 'suspended' | 'expired' | 'revoked';
  granted_by: 'platform' | 'provider' | 'whole' | 'coordination';
  granted_by_user: string | null;
  last_used_at: Timestamp | null;
  idle_flagged_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_at: CreatedAt;
}

export interface WholeAuthorizationTable {
  id: Generated<string>;
  entry_id: string;
  provider_id: string;
  items: string[];
  methods: string[];
  conditions: Json<Record<string, unknown>>;
  valid_until: string;
  created_by: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface ObjectionTable {
  id: Generated<string>;
  entry_id: string;
  provider_id: string;
  consumer_id: string;
  reporter_id: string;
  items: string[];
  sample_keys: string[];
  description: string;
  status: 'open' | 'corrected' | 'confirmed';
  created_at: CreatedAt;
  due_at: Timestamp;
  due_on: string;
  provisional: boolean;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
  resolved_at: Timestamp | null;
  resolver_id: string | null;
  outcome_comment: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

/** Background job (src/db/jobs.ts); finished rows are kept as the record of what ran. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<unknown>;
  run_at: Timestamp;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  unique_key: string | null;
  locked_by: string | null;
  locked_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface ConsumerAppTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  description: Generated<string>;
  app_key: string;
  secret_sealed: string;
  ip_allowlist: Generated<string[]>;
  disabled_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
  rotated_at: Timestamp | null;
  /** Raised by every rotation (migration 0011): a process's cached secret of an older version is refused. */
  secret_version: Generated<number>;
  /** Per-app limits (migration 0011); null = the platform default. */
  api_per_second: Generated<number | null>;
  api_per_day: Generated<number | null>;
  verify_per_second: Generated<number | null>;
  verify_per_day: Generated<number | null>;
}

export interface AppUsageDayTable {
  app_id: string;
  channel: 'api' | 'verify';
  day: string;
  leased: Generated<number>;
  last_lease: Generated<number>;
  used: Generated<number>;
}

export interface RequestNonceTable {
  app_key: string;
  nonce: string;
  at: CreatedAt;
}

export interface AccessRecordTable {
  id: Generated<number>;
  at: CreatedAt;
  channel: 'api' | 'table' | 'file' | 'verify';
  app_key: string | null;
  app_id: string | null;
  org_id: string | null;
  grant_id: string | null;
  entry_id: string | null;
  items: string[];
  rows: number;
  bytes: number;
  outcome: 'success' | 'denied' | 'failure';
  status: number;
  error_code: string | null;
  latency_ms: number;
  ip: string | null;
  request_id: string | null;
  /** File channel (migration 0010): checksum of the delivered bytes, the downloading user, the file delivery. */
  sha256: Generated<string | null>;
  user_id: Generated<string | null>;
  delivery_id: Generated<string | null>;
}

/** 挂接文件 (migration 0010): one version of a file mounted for an entry. */
export interface EntryFileTable {
  id: Generated<string>;
  entry_id: string;
  name: string;
  version: number | null;
  state: Generated<'uploading' | 'stored' | 'destroyed'>;
  kind: 'csv' | 'xlsx' | 'pdf' | 'other';
  media_type: string;
  bytes: Generated<number>;
  sha256: string | null;
  encoding: string | null;
  header: string[] | null;
  structured: Generated<boolean>;
  uploaded_by: string;
  uploaded_at: CreatedAt;
  retired_at: Timestamp | null;
  retired_by: string | null;
  retire_reason: string | null;
  /** Chunks encrypted at rest (migration 0017, security rules §23). */
  sealed: Generated<boolean>;
  destroyed_at: Timestamp | null;
  destruction_id: string | null;
}

export interface EntryFileChunkTable {
  file_id: string;
  seq: number;
  data: Buffer;
}

/** 文件交付记录 (migration 0010): one file handed to a consumer; its id is in the file's trace mark. */
export interface FileDeliveryTable {
  id: Generated<string>;
  started_at: CreatedAt;
  grant_id: string;
  entry_id: string;
  consumer_id: string;
  file_id: string | null;
  export_format: 'csv' | 'xlsx' | null;
  app_id: string | null;
  user_id: string | null;
  mode: 'project' | 'whole';
  watermark: boolean;
  outcome: Generated<'started' | 'completed' | 'aborted'>;
  completed_at: Timestamp | null;
  sha256: string | null;
  bytes: number | null;
  rows: number | null;
  access_record_id: number | null;
}

/** 库表交换目标 (migration 0009). */
export interface SyncTargetTable {
  id: Generated<string>;
  grant_id: string;
  consumer_id: string;
  connection_sealed: string | null;
  connection_label: string;
  target_schema: string;
  target_table: string;
  batch_rows: Generated<number>;
  reconcile_hours: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** 库表同步运行 (migration 0009). */
export interface SyncRunTable {
  id: Generated<string>;
  target_id: string;
  grant_id: string;
  trigger: 'manual' | 'schedule' | 'cli';
  requested_by: string | null;
  force_full: Generated<boolean>;
  reconcile: Generated<boolean>;
  status: SyncRunStatus;
  mode: 'full' | 'incremental' | null;
  rows_total: number | null;
  rows_done: Generated<number>;
  rows_deleted: Generated<number>;
  bytes: Generated<number>;
  batches: Generated<number>;
  resumed: Generated<boolean>;
  holder: string | null;
  heartbeat_at: Timestamp | null;
  cancel_requested_at: Timestamp | null;
  error_code: string | null;
  error_zh: string | null;
  error_en: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** Oversight (security rules §29–§34), migration 0016. */
export interface SecurityInspectionTable {
  id: Generated<string>;
  region_code: string;
  title: string;
  focus: Generated<string>;
  check_items: string[];
  self_assessment_due_at: Timestamp;
  self_assessment_due_on: string;
  provisional: boolean;
  onsite_from: string | null;
  onsite_until: string | null;
  status: 'open' | 'closed';
  created_by: string;
  created_at: CreatedAt;
  closed_by: string | null;
  closed_at: Timestamp | null;
  summary: string | null;
}

export interface InspectionTargetTable {
  inspection_id: string;
  org_id: string;
  status: 'self_assessment' | 'onsite_check' | 'rectification' | 'passed' | 'rectified';
  self_report: string | null;
  self_assessed_by: string | null;
  self_assessed_at: Timestamp | null;
  onsite_by: string | null;
  onsite_at: Timestamp | null;
  onsite_comment: string | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

export interface InspectionSelfItemTable {
  inspection_id: string;
  org_id: string;
  item: string;
  conclusion: 'compliant' | 'partial' | 'non_compliant' | 'not_applicable';
  note: Generated<string>;
}

export interface InspectionFindingTable {
  id: Generated<string>;
  inspection_id: string;
  org_id: string;
  item: string;
  severity: 'general' | 'major';
  description: string;
  opinion: string;
  workdays: number;
  due_at: Timestamp;
  due_on: string;
  provisional: boolean;
  status: 'rectifying' | 'reported' | 'accepted';
  created_by: string;
  created_at: CreatedAt;
  report: string | null;
  reported_by: string | null;
  reported_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

export interface SecurityIncidentTable {
  id: Generated<string>;
  org_id: string;
  region_code: string;
  kind: 'attack' | 'leak' | 'tampering' | 'notified' | 'other_major';
  title: string;
  occurred_at: Timestamp;
  scope: string;
  affected_data: Generated<string>;
  affected_entry_ids: Generated<string[]>;
  affected_grant_ids: Generated<string[]>;
  measures: string;
  plan_started_at: Timestamp | null;
  status: 'reported' | 'responding' | 'resolved' | 'closed';
  reported_by: string;
  reported_at: Timestamp;
  summary: string | null;
  closed_at: Timestamp | null;
}

export interface SecurityIncidentEventTable {
  id: Generated<number>;
  incident_id: string;
  kind: 'reported' | 'plan_started' | 'respond' | 'resolve' | 'close' | 'note' | 'suspension';
  actor_id: string | null;
  org_id: string | null;
  body: Generated<string>;
  at: Timestamp;
}

export interface GrantSuspensionTable {
  id: Generated<string>;
  grant_id: string;
  cause_type: 'finding' | 'incident';
  cause_id: string;
  reason: string;
  suspended_by: string;
  suspended_at: Timestamp;
  lifted_by: string | null;
  lifted_at: Timestamp | null;
}

export interface DestructionRequestTable {
  id: Generated<string>;
  org_id: string;
  region_code: string;
  target: 'front_table' | 'synced_copy' | 'files';
  method: 'delete_rows' | 'drop_synced_copy' | 'attested_deletion' | 'delete_stored_files';
  origin: 'request' | 'grant_end';
  entry_id: string | null;
  grant_id: string | null;
  files: Json<{ name: string; bytes: number; sha256: string; fileId?: string; version?: number }[]>;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'executed' | 'filed';
  requested_by: string | null;
  requested_at: Timestamp;
  due_at: Timestamp | null;
  due_on: string | null;
  provisional: Generated<boolean>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  executed_by: string | null;
  executed_at: Timestamp | null;
  rows_destroyed: number | null;
  bytes_destroyed: number | null;
  checksum: string | null;
  verification: Json<Record<string, unknown>> | null;
  filed_by: string | null;
  filed_at: Timestamp | null;
  filing_comment: string | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

/** 统一分类分级规则 versions (migration 0014, security rules §16). */
export interface GradingRuleSetTable {
  version: number;
  rules: Json<unknown>;
  comment: Generated<string>;
  changed_by: string | null;
  changed_at: CreatedAt;
}

/** A grant's internal review and security assessment (migration 0014, security rules §27). */
export interface GrantAssessmentTable {
  grant_id: string;
  grade: number;
  important: boolean;
  rule_set_version: number;
  internal_review: string;
  security_assessment: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface Database {
  region: RegionTable;
  org: OrgTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_record: AuditRecordTable;
  audit_checkpoint: AuditCheckpointTable;
  audit_archive: AuditArchiveTable;
  calendar_year: CalendarYearTable;
  platform_setting: PlatformSettingTable;
  subject_database: SubjectDatabaseTable;
  catalog_entry: CatalogEntryTable;
  catalog_entry_version: CatalogEntryVersionTable;
  catalog_entry_event: CatalogEntryEventTable;
  catalog_code_sequence: CatalogCodeSequenceTable;
  catalog_withdrawal: CatalogWithdrawalTable;
  catalog_change_event: CatalogChangeEventTable;
  catalog_mount: CatalogMountTable;
  catalog_mount_change: CatalogMountChangeTable;
  share_request: ShareRequestTable;
  share_request_step: ShareRequestStepTable;
  share_request_message: ShareRequestMessageTable;
  share_grant: ShareGrantTable;
  whole_authorization: WholeAuthorizationTable;
  objection: ObjectionTable;
  notification: NotificationTable;
  consumer_app: ConsumerAppTable;
  grading_rule_set: GradingRuleSetTable;
  grant_assessment: GrantAssessmentTable;
  request_nonce: RequestNonceTable;
  app_usage_day: AppUsageDayTable;
  access_record: AccessRecordTable;
  entry_file: EntryFileTable;
  entry_file_chunk: EntryFileChunkTable;
  file_delivery: FileDeliveryTable;
  sync_target: SyncTargetTable;
  sync_run: SyncRunTable;
  job: JobTable;
  password_history: PasswordHistoryTable;
  user_totp: UserTotpTable;
  login_challenge: LoginChallengeTable;
  role_change: RoleChangeTable;
  access_review: AccessReviewTable;
  grant_agreement: GrantAgreementTable;
  security_inspection: SecurityInspectionTable;
  inspection_target: InspectionTargetTable;
  inspection_self_item: InspectionSelfItemTable;
  inspection_finding: InspectionFindingTable;
  security_incident: SecurityIncidentTable;
  security_incident_event: SecurityIncidentEventTable;
  grant_suspension: GrantSuspensionTable;
  destruction_request: DestructionRequestTable;
}
