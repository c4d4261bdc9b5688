/**
 * Response shapes of the API the web app reads (docs/api-catalog.md), derived from the TypeBox
 * schemas the server's routes declare, so the browser and the server cannot drift apart. Only types
 * are imported from src/modules: nothing of the server reaches the browser bundle.
 */
import type { Static } from '@sinclair/typebox';
import type {
  ChangeEventSchema, EntrySchema, FACETS, FacetValueSchema, SearchResponseSchema, SummarySchema, WithdrawalSchema,
} from '../../src/modules/catalog/schemas.ts';
import type {
  AccessReviewRecordSchema, AccessReviewSchema, ActorSchema, LoginAnswerSchema, LoginResponseSchema, TotpEnrolmentSchema, TotpPolicySchema,
  TotpStatusSchema,
} from '../../src/modules/identity/views.ts';
import type { OrgSchema, RegionSchema, SubjectDatabaseSchema, UserSchema } from '../../src/modules/orgs/schemas.ts';
import type { AuditChainStatusSchema, AuditRecordSchema, AuditVerificationSchema } from '../../src/modules/audit/schemas.ts';
import type {
  GrantSchema, ObjectionSchema, RequestInputSchema, RequestSchema, StepSchema, WholeAuthorizationSchema,
} from '../../src/modules/sharing/schemas.ts';
import type { InboxService } from '../../src/modules/inbox/service.ts';
import type { MountInput, MountResult as MountResultView, MountView } from '../../src/modules/delivery/mounts.ts';
import type { MountChangeView } from '../../src/modules/delivery/mount-changes.ts';
import type { AppView } from '../../src/modules/delivery/apps.ts';
import type { AccessRecordService } from '../../src/modules/delivery/access-records.ts';
import type { DownloadablesSchema, EntryFilesSchema, StoredFileSchema } from '../../src/modules/files/schemas.ts';

export type { Issue } from '../../src/domain/catalog/issue.ts';
export type { CategoryKind } from '../../src/domain/catalog/types.ts';

export type CurrentUser = Static<typeof ActorSchema>;
export type LoginResponse = Static<typeof LoginResponseSchema>;
/** A session, or the challenge of the second step for a user with a second factor. */
export type LoginAnswer = Static<typeof LoginAnswerSchema>;
export type TotpStatus = Static<typeof TotpStatusSchema>;
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>;
export type TotpPolicy = Static<typeof TotpPolicySchema>;
export type AccessReview = Static<typeof AccessReviewSchema>;
export type AccessReviewRecord = Static<typeof AccessReviewRecordSchema>;

/** The common envelope of list endpoints; the item shape comes from the route's schema. */
export interface ListResponse<T> {
  items: T[];
  total?: number;
  nextCursor?: string | null;
}

/** The facets of GET /catalog in display order; a copy of FACETS the compiler holds equal to it. */
export const FACET_KEYS: typeof FACETS = [
  'regionCode', 'providerId', 'categoryKind', 'shareType', 'shareMethod', 'openType', 'grade', 'updateCycle',
];
export type FacetKey = (typeof FACETS)[number];
export type FacetValue = Static<typeof FacetValueSchema>;

export type EntrySummary = Static<typeof SummarySchema>;
export type CatalogSearchResponse = Static<typeof SearchResponseSchema>;

export type CatalogEntry = Static<typeof EntrySchema>;
export type EntryPermissions = CatalogEntry['permissions'];
export type EntryVersionInfo = CatalogEntry['versions'][number];
export type EntryEvent = CatalogEntry['events'][number];

export type Withdrawal = Static<typeof WithdrawalSchema>;
export type WithdrawalStatus = Withdrawal['status'];
export type ChangeEvent = Static<typeof ChangeEventSchema>;
export type ChangeEventState = ChangeEvent['state'];

export type Region = Static<typeof RegionSchema>;
export type Org = Static<typeof OrgSchema>;
export type UserRow = Static<typeof UserSchema>;
export type SubjectDatabase = Static<typeof SubjectDatabaseSchema>;
export type AuditRecord = Static<typeof AuditRecordSchema>;
export type AuditChainStatus = Static<typeof AuditChainStatusSchema>;
export type AuditVerification = Static<typeof AuditVerificationSchema>;

// Sharing (docs/api-sharing.md)
export type ShareRequest = Static<typeof RequestSchema>;
export type ShareRequestInput = Static<typeof RequestInputSchema>;
export type RequestStatus = ShareRequest['status'];
export type RequestPermissions = ShareRequest['permissions'];
export type RequestStep = Static<typeof StepSchema>;
export type RequestMessage = ShareRequest['messages'][number];
export type Grant = Static<typeof GrantSchema>;
/** 数据安全协议 of a grant (security rules §27). */
export type Agreement = Static<typeof import('../../src/modules/sharing/schemas.ts').AgreementSchema>;
/** 内部审查与安全评估 record of a grant (security rules §27). */
export type GrantAssessmentView = Static<typeof import('../../src/modules/security/assessment-routes.ts').GrantAssessmentViewSchema>;
export type GrantConditions = Grant['conditions'];
export type WholeAuthorization = Static<typeof WholeAuthorizationSchema>;
export type Objection = Static<typeof ObjectionSchema>;
export type ShareMethodValue = ShareRequestInput['method'];

/** GET /inbox: the route's item schema is not exported, so the shape comes from the service. */
export type InboxPage = Awaited<ReturnType<InboxService['list']>>;
export type InboxItem = InboxPage['items'][number];

/** GET|PUT /catalog/{id}/mount (§17). */
export type Mount = MountView;
/** PUT /catalog/{id}/mount: applied at once, or pending the authority's review (§16). */
export type MountResult = MountResultView;
/** GET /mount-changes: a change of a mount with live grants, for the authority's queue. */
export type MountChange = MountChangeView;
export type MountBody = MountInput;
export type StoredFile = Static<typeof StoredFileSchema>;
export type EntryFiles = Static<typeof EntryFilesSchema>;
export type Downloadables = Static<typeof DownloadablesSchema>;

/** GET /apps (应用系统); POST /apps and /apps/{id}/rotate add the secret, shown only that once. */
export type ConsumerApp = AppView;
export type ConsumerAppWithSecret = AppView & { secret: string };

/** GET /access-records (数据使用记录): one call of the data API, a sync batch, a file or a verification. */
export type AccessRecord = Awaited<ReturnType<AccessRecordService['list']>>['items'][number];

/** GET /data/{code} (docs/signing.md): the rows under the grant, which travels with them (§39). */
export interface DataApiPage {
  items: Record<string, unknown>[];
  nextCursor?: string;
  grant: { id: string; purpose: string; scenario: string; validUntil: string };
}

/** A problem of an imported sheet: the warnings of POST /catalog/import, the details of its 400. */
export interface ImportProblem {
  /** 目录 / 数据项 / CSV. */
  sheet?: string;
  row: number;
  column: string;
  zh: string;
  en: string;
}

export interface ImportResult {
  imported: number;
  entries: { id: string; name: string }[];
  /** Non-blocking findings such as 一数一源 (§15). */
  warnings?: ImportProblem[];
}

// Oversight (security rules §29–§34; docs/oversight.md)
export type Inspection = Static<typeof import('../../src/modules/oversight/schemas.ts').InspectionSchema>;
export type InspectionSummary = Static<typeof import('../../src/modules/oversight/schemas.ts').InspectionSummarySchema>;
export type InspectionTarget = Inspection['targets'][number];
export type Finding = Static<typeof import('../../src/modules/oversight/schemas.ts').FindingSchema>;
export type SuspendableGrant = Static<typeof import('../../src/modules/oversight/schemas.ts').SuspendableGrantSchema>;
export type Incident = Static<typeof import('../../src/modules/oversight/schemas.ts').IncidentSchema>;
export type IncidentSummary = Static<typeof import('../../src/modules/oversight/schemas.ts').IncidentSummarySchema>;
export type Destruction = Static<typeof import('../../src/modules/oversight/schemas.ts').DestructionSchema>;
export type Posture = Static<typeof import('../../src/modules/oversight/schemas.ts').PostureSchema>;
/** 统一分类分级规则 (GET/PUT /security/grading). */
export type GradingVersion = Static<typeof import('../../src/modules/security/schemas.ts').GradingVersionSchema>;
export type GradingRules = GradingVersion['rules'];
