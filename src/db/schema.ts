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
}
