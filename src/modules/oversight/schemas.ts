/** Schemas of the oversight routes (docs/oversight.md), from the same lists as the pure rules. */
import { Type, type TSchema } from '@sinclair/typebox';
import { DESTRUCTION_STATUSES } from '../../domain/oversight/destruction-rules.ts';
import { INCIDENT_STATUSES } from '../../domain/oversight/incident-rules.ts';
import { FINDING_STATUSES, INSPECTION_PHASES, INSPECTION_STATUSES, TARGET_STATUSES } from '../../domain/oversight/inspection-rules.ts';
import {
  CHECK_ITEMS, DESTRUCTION_TARGETS, FINDING_SEVERITIES, INCIDENT_KINDS, SELF_CONCLUSIONS,
} from '../../domain/oversight/vocabulary.ts';
import { oneOf } from '../catalog/schemas.ts';

const nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const uuid = Type.String({ format: 'uuid' });
const S = Type.String();
const NS = nullable(Type.String());
const B = Type.Boolean();

export const list = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

// --- inspections (Sec §30–§33) ---------------------------------------------------------------------

export const InspectionInputSchema = Type.Object({
  title: text(200, '检查方案名称'),
  focus: Type.Optional(Type.String({ maxLength: 2000, description: '检查重点 (Sec §32(一))' })),
  checkItems: Type.Array(oneOf(CHECK_ITEMS), { minItems: 1, maxItems: CHECK_ITEMS.length, uniqueItems: true, description: '检查内容 (Sec §31)' }),
  orgIds: Type.Array(uuid, { minItems: 1, maxItems: 200, uniqueItems: true, description: '受检部门' }),
  selfAssessmentWorkdays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: '自查报送期限（工作日），默认 10' })),
  onsiteFrom: Type.Optional(date),
  onsiteUntil: Type.Optional(date),
}, { additionalProperties: false });

export const SelfAssessmentInputSchema = Type.Object({
  report: text(8000, '自查报告 (Sec §32(二))'),
  items: Type.Array(Type.Object({
    item: oneOf(CHECK_ITEMS), conclusion: oneOf(SELF_CONCLUSIONS), note: Type.Optional(Type.String({ maxLength: 2000 })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: CHECK_ITEMS.length }),
}, { additionalProperties: false });

export const OnsiteInputSchema = Type.Object({
  comment: text(4000, '检查复核意见 (Sec §32(三))'),
  findings: Type.Array(Type.Object({
    item: oneOf(CHECK_ITEMS), severity: oneOf(FINDING_SEVERITIES), description: text(2000), opinion: text(2000, '处理意见'),
    workdays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: '整改期限（工作日）；默认重大 5、一般 15' })),
    suspendGrantIds: Type.Optional(Type.Array(uuid, { maxItems: 100, uniqueItems: true })),
  }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });

export const SuspensionSchema = Type.Object({
  id: S, grantId: S, causeId: S, entryName: S, consumerName: S, grantStatus: S, reason: S, suspendedBy: S, suspendedAt: S, liftedAt: NS,
});

export const FindingSchema = Type.Object({
  id: S, inspectionId: S, inspectionTitle: S, regionCode: S, orgId: S, orgName: S, item: oneOf(CHECK_ITEMS), severity: oneOf(FINDING_SEVERITIES),
  description: S, opinion: S, workdays: Type.Integer(), dueAt: S, dueOn: S, provisional: B,
  remainingWorkdays: nullable(Type.Integer()), dueSoon: B, overdue: B, status: oneOf(FINDING_STATUSES), createdAt: S,
  report: NS, reportedAt: NS, reportedBy: NS, late: B, decidedAt: NS, decidedBy: NS, decisionComment: NS,
  suspensions: Type.Array(SuspensionSchema),
  /** lift: may lift the finding's suspensions — the authority, also after the finding is accepted. */
  permissions: Type.Object({ report: B, decide: B, suspend: B, lift: B }),
});

export const InspectionSchema = Type.Object({
  id: S, regionCode: S, title: S, focus: S, checkItems: Type.Array(oneOf(CHECK_ITEMS)),
  selfAssessmentDueAt: S, selfAssessmentDueOn: S, provisional: B, selfAssessmentRemainingWorkdays: Type.Integer(), selfAssessmentOverdue: B,
  onsiteFrom: NS, onsiteUntil: NS, status: oneOf(INSPECTION_STATUSES), phase: oneOf(INSPECTION_PHASES),
  createdBy: S, createdAt: S, closedAt: NS, summary: NS,
  targets: Type.Array(Type.Object({
    orgId: S, orgName: S, status: oneOf(TARGET_STATUSES), selfReport: NS, selfAssessedBy: NS, selfAssessedAt: NS, selfAssessmentLate: B,
    selfItems: Type.Array(Type.Object({ item: oneOf(CHECK_ITEMS), conclusion: oneOf(SELF_CONCLUSIONS), note: S })),
    onsiteAt: NS, onsiteBy: NS, onsiteComment: NS, findings: Type.Array(FindingSchema),
    permissions: Type.Object({ selfAssess: B, onsite: B }),
  })),
  permissions: Type.Object({ close: B }),
});

export const InspectionSummarySchema = Type.Object({
  id: S, title: S, regionCode: S, status: oneOf(INSPECTION_STATUSES), phase: oneOf(INSPECTION_PHASES), checkItems: Type.Array(oneOf(CHECK_ITEMS)),
  selfAssessmentDueOn: S, createdAt: S, closedAt: NS,
  departments: Type.Array(Type.Object({ orgId: S, orgName: S, status: oneOf(TARGET_STATUSES) })),
  openFindings: Type.Integer(), overdueFindings: Type.Integer(),
});

export const SuspendInputSchema = Type.Object({
  grantIds: Type.Array(uuid, { minItems: 1, maxItems: 100, uniqueItems: true }), reason: text(2000),
}, { additionalProperties: false });

export const SuspendableGrantSchema = Type.Object({
  id: S, entryName: S, entryCode: NS, providerName: S, consumerName: S, method: S, validUntil: S, side: oneOf(['consumer', 'provider'] as const),
});

// --- incidents (Sec §34) ---------------------------------------------------------------------------

export const IncidentInputSchema = Type.Object({
  orgId: Type.Optional(uuid),
  kind: oneOf(INCIDENT_KINDS, '情形 (Sec §34(一)–(五))'),
  title: text(200),
  occurredAt: Type.String({ format: 'date-time', description: '发生时间' }),
  scope: text(2000, '影响范围'),
  affectedData: Type.Optional(Type.String({ maxLength: 4000, description: '涉及的数据' })),
  affectedEntryIds: Type.Optional(Type.Array(uuid, { maxItems: 200, uniqueItems: true })),
  affectedGrantIds: Type.Optional(Type.Array(uuid, { maxItems: 200, uniqueItems: true })),
  measures: text(4000, '已采取的补救措施'),
  planStartedAt: Type.Optional(Type.String({ format: 'date-time', description: '启动应急预案时间' })),
}, { additionalProperties: false });

export const IncidentSchema = Type.Object({
  id: S, orgId: S, orgName: S, regionCode: S, kind: oneOf(INCIDENT_KINDS), title: S, occurredAt: S, scope: S, affectedData: S, measures: S,
  affectedEntries: Type.Array(Type.Object({ id: S, name: S, code: NS })),
  affectedGrants: Type.Array(Type.Object({ id: S, status: S, entryName: S, consumerName: S })),
  planStartedAt: NS, status: oneOf(INCIDENT_STATUSES), reportedBy: S, reportedAt: S, summary: NS, closedAt: NS,
  events: Type.Array(Type.Object({ id: Type.Integer(), kind: S, body: S, at: S, actorName: NS, orgName: NS })),
  suspensions: Type.Array(SuspensionSchema),
  /** lift: may lift the incident's suspensions — the authority, also after the close. */
  permissions: Type.Object({ planStarted: B, respond: B, resolve: B, close: B, suspend: B, lift: B }),
});

export const IncidentSummarySchema = Type.Object({
  id: S, orgId: S, orgName: S, regionCode: S, kind: oneOf(INCIDENT_KINDS), title: S, occurredAt: S, reportedAt: S,
  status: oneOf(INCIDENT_STATUSES), planStartedAt: NS, closedAt: NS,
});

// --- destruction (Sec §29) -------------------------------------------------------------------------

/** Archived files carry bytes and SHA-256; files the platform stores for `entryId` are named (and a version picked) only. */
const FileSchema = Type.Object({
  name: text(500), bytes: Type.Optional(Type.Integer({ minimum: 0 })), sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

export const DestructionInputSchema = Type.Object({
  target: oneOf(DESTRUCTION_TARGETS),
  entryId: Type.Optional(uuid),
  grantId: Type.Optional(uuid),
  files: Type.Optional(Type.Array(FileSchema, { maxItems: 1000 })),
  reason: text(2000),
}, { additionalProperties: false });

export const DestructionSchema = Type.Object({
  id: S, orgId: S, orgName: S, regionCode: S, target: oneOf(DESTRUCTION_TARGETS), method: S, origin: oneOf(['request', 'grant_end'] as const),
  entryId: NS, entryName: NS, grantId: NS, grantStatus: NS,
  files: Type.Array(Type.Object({ name: S, bytes: Type.Integer(), sha256: S, fileId: Type.Optional(S), version: Type.Optional(Type.Integer()) })),
  reason: S, status: oneOf(DESTRUCTION_STATUSES),
  requestedBy: NS, requestedAt: S, dueAt: NS, dueOn: NS, provisional: B, remainingWorkdays: nullable(Type.Integer()), dueSoon: B, overdue: B,
  decidedBy: NS, decidedAt: NS, decisionComment: NS, executedBy: NS, executedAt: NS,
  rows: nullable(Type.Integer()), bytes: nullable(Type.Integer()), checksum: NS,
  verification: nullable(Type.Record(Type.String(), Type.Unknown())),
  filedBy: NS, filedAt: NS, filingComment: NS,
  permissions: Type.Object({ approve: B, reject: B, cancel: B, execute: B, file: B }),
});

// --- posture ---------------------------------------------------------------------------------------

const Unavailable = Type.Object({ available: Type.Literal(false), reason: Type.Object({ zh: S, en: S }) });
const part = <T extends TSchema>(value: T) => Type.Union([Type.Object({ available: Type.Literal(true), value }), Unavailable]);

export const PostureSchema = Type.Object({
  generatedAt: S, scope: oneOf(['all', 'region', 'org'] as const),
  auditChain: part(Type.Object({
    sealed: Type.Integer(), unsealed: Type.Integer(), oldestUnsealedAt: NS, algorithm: NS,
    lastCheckpoint: nullable(Type.Object({ at: S, count: Type.Integer(), keyId: S, verified: B })),
    lastVerification: nullable(Type.Object({ at: S, ok: B, verifiedThrough: Type.Integer(), reason: NS })),
  })),
  keys: part(Type.Object({
    cipher: S, activeKeyId: S, activeKeyAgeDays: Type.Integer(), maxKeyAgeDays: Type.Integer(), rotationDue: B,
    keys: Type.Array(Type.Object({ id: S, createdAt: S, ageDays: Type.Integer(), active: B })),
  })),
  highGradeEntries: Type.Array(Type.Object({ id: S, name: S, code: NS, grade: Type.Integer(), providerName: S, liveGrants: Type.Integer() })),
  openFindings: Type.Array(Type.Object({ id: S, inspectionId: S, inspectionTitle: S, orgName: S, severity: S, status: S, dueOn: S, overdue: B })),
  openIncidents: Type.Array(Type.Object({ id: S, title: S, kind: S, status: S, orgName: S, reportedAt: S })),
  overdueDestructions: Type.Array(Type.Object({ id: S, orgName: S, target: S, dueOn: S, entryName: NS })),
  failedLogins: Type.Object({
    since: S, total: Type.Integer(),
    byDay: Type.Array(Type.Object({ day: S, outcome: S, count: Type.Integer() })),
    topUsers: Type.Array(Type.Object({ username: S, count: Type.Integer() })),
  }),
});
