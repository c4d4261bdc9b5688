/**
 * Response shapes of the API the web app reads (docs/api-catalog.md). Entry bodies and vocabularies
 * come from the domain module itself, so the browser and the server speak one language.
 */
import type {
  CatalogEntryBody, Category, CategoryKind, EntryStatus, Grade, OpenType, ShareMethod, ShareType, UpdateCycle,
} from '../../src/domain/catalog/types.ts';
import type { Issue } from '../../src/domain/catalog/issue.ts';
import type { Role } from '../../src/domain/access/roles.ts';

export type { Issue };

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgKind: 'authority' | 'department';
  regionCode: string;
  regionLevel: 'city' | 'county';
  roles: Role[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: CurrentUser;
}

export interface ListResponse<T> {
  items: T[];
  total?: number;
  nextCursor?: string | null;
}

export interface FacetValue {
  value: string;
  label: string;
  labelEn?: string;
  count: number;
}

export const FACET_KEYS = [
  'regionCode', 'providerId', 'categoryKind', 'shareType', 'shareMethod', 'openType', 'grade', 'updateCycle',
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export interface EntrySummary {
  id: string;
  code: string | null;
  name: string;
  summary: string;
  status: EntryStatus;
  providerId: string;
  providerName: string;
  regionCode: string;
  regionName: string;
  category: Category;
  grade: Grade;
  important: boolean;
  shareType: ShareType;
  shareMethod: ShareMethod;
  openType: OpenType;
  updateCycle: UpdateCycle;
  itemCount: number;
  version: number;
  publishedVersion: number | null;
  updatedAt: string;
  publishedAt: string | null;
  /** Not in the documented Summary yet; used for the review queue's order when present. */
  submittedAt?: string | null;
}

export interface CatalogSearchResponse extends ListResponse<EntrySummary> {
  facets?: Partial<Record<FacetKey, FacetValue[]>>;
}

export interface EntryPermissions {
  edit: boolean;
  /** Discard an unpublished new version (POST /catalog/{id}/discard). */
  discard?: boolean;
  submit: boolean;
  review: boolean;
  requestWithdrawal: boolean;
  decideWithdrawal: boolean;
  recordChange: boolean;
}

export interface EntryVersionInfo {
  version: number;
  state: string;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface EntryEvent {
  action: string;
  version: number | null;
  actorName: string | null;
  orgName: string | null;
  comment: string | null;
  at: string;
}

export type WithdrawalStatus = 'pending' | 'approved' | 'rejected' | string;

export interface Withdrawal {
  id: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  reason: string;
  status: WithdrawalStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  fileWithCity?: boolean;
}

export type ChangeEventState = 'open' | 'due_soon' | 'overdue' | 'resolved' | 'resolved_late';

export interface ChangeEvent {
  id: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  providerId: string;
  providerName: string;
  kind: 'law' | 'function';
  title: string;
  description: string | null;
  announcedOn: string;
  dueOn: string;
  dueAt: string;
  provisional: boolean;
  state: ChangeEventState;
  remainingWorkdays: number | null;
  resolvedAt: string | null;
  resolvedVersion: number | null;
}

export interface CatalogEntry extends CatalogEntryBody {
  id: string;
  code: string | null;
  status: EntryStatus;
  providerId: string;
  providerName: string;
  regionCode: string;
  regionName: string;
  version: number;
  workingVersion: number;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  issues: Issue[];
  permissions: EntryPermissions;
  versions: EntryVersionInfo[];
  events: EntryEvent[];
  withdrawal: Withdrawal | null;
  changeEvents: ChangeEvent[];
}

export interface SubjectDatabase {
  id: string;
  kind: 'basic' | 'theme';
  name: string;
  leadOrgId: string;
  leadOrgName: string;
  description: string;
}

export interface Region {
  code: string;
  name: string;
  level: 'city' | 'county' | string;
  parentCode: string | null;
}

export interface Org {
  id: string;
  key: string;
  name: string;
  shortName: string;
  regionCode: string;
  regionName: string;
  kind: 'authority' | 'department';
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName?: string;
  roles: Role[];
  disabled?: boolean;
  lockedUntil?: string | null;
  createdAt?: string;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorType: string;
  actorName: string | null;
  orgName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'failure' | 'denied' | string;
  ip: string | null;
  requestId: string | null;
  detail: unknown;
}

export interface ImportResult {
  imported: number;
  entries: { id: string; name: string }[];
  /** Non-blocking findings such as 一数一源 (§15). */
  warnings?: ImportProblem[];
}

export interface ImportProblem {
  /** 目录 / 数据项 / CSV. */
  sheet?: string;
  row: number;
  column: string;
  zh: string;
  en: string;
}

export type { CategoryKind };
