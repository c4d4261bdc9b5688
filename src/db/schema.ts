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
}

export interface UserSessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
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
}

export interface Database {
  region: RegionTable;
  org: OrgTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_record: AuditRecordTable;
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
  share_request: ShareRequestTable;
  share_request_step: ShareRequestStepTable;
  share_request_message: ShareRequestMessageTable;
  share_grant: ShareGrantTable;
  whole_authorization: WholeAuthorizationTable;
  objection: ObjectionTable;
  notification: NotificationTable;
  consumer_app: ConsumerAppTable;
  request_nonce: RequestNonceTable;
  access_record: AccessRecordTable;
  job: JobTable;
}
