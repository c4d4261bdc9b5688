/**
 * Request and response schemas of the catalog routes, built from the same enum lists as the pure
 * rules (domain/catalog/types.ts), so the OpenAPI document and the validator never drift from them.
 * Structure is checked here; consistency (§11, §23, §17 …) by domain/catalog/validation.ts.
 */
import { Type, type TArray, type TSchema } from '@sinclair/typebox';
import { CHANGE_EVENT_STATES } from '../../domain/catalog/change-deadline.ts';
import {
  CATEGORY_KINDS, DATA_FORMATS, ENTRY_STATUSES, GRADES, ITEM_TYPES, MASKING_RULES, OPEN_TYPES, SENSITIVE_TYPES,
  SHARE_METHODS, SHARE_TYPES, STORAGE_LEVELS, UPDATE_CYCLES,
} from '../../domain/catalog/types.ts';

/** One of a domain enum list; typed as its union, so handlers and the web client see the same vocabulary. */
export const oneOf = <T extends string | number>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ enum: [...values], ...(description ? { description } : {}) });
const text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

export const DataItemSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 63, description: '数据项英文名 / machine name' }),
  label: Type.String({ minLength: 1, maxLength: 100, description: '数据项中文名称' }),
  type: oneOf(ITEM_TYPES),
  length: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  description: Type.Optional(text(500)),
  sensitiveType: Type.Optional(oneOf(SENSITIVE_TYPES, '敏感类型')),
  masking: Type.Optional(oneOf(MASKING_RULES, '脱敏规则')),
  maskingParam: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  key: Type.Optional(Type.Boolean({ description: '主键/比对键' })),
}, { additionalProperties: false });

export const EntryBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: '数据资源名称' }),
  summary: Type.String({ maxLength: 2000, description: '摘要' }),
  storageLevel: oneOf(STORAGE_LEVELS, '存储层级'),
  category: Type.Object({
    kind: oneOf(CATEGORY_KINDS, '资源分类：基础/主题/部门'),
    item: Type.Optional(Type.String({ maxLength: 2, description: '项 (2 位)' })),
    subItem: Type.Optional(Type.String({ maxLength: 3, description: '目 (3 位)' })),
  }, { additionalProperties: false }),
  basicDb: Type.Optional(Type.String({ format: 'uuid', description: '所属基础数据库 (§14)' })),
  themeDb: Type.Optional(Type.String({ format: 'uuid', description: '所属主题数据库 (§14)' })),
  grade: oneOf(GRADES, '分级 L1–L4'),
  important: Type.Boolean({ description: '重要数据' }),
  core: Type.Optional(Type.Boolean({ description: '核心数据 (GB/T 43697)：本平台不予受理 (Sec §2)' })),
  format: oneOf(DATA_FORMATS, '数据格式'),
  items: Type.Array(DataItemSchema, { maxItems: 500, description: '数据项 (§10 数据字典)' }),
  shareType: oneOf(SHARE_TYPES, '共享属性 (§22)'),
  shareScope: Type.Optional(text(1000, '共享范围 (§23)')),
  notShareBasis: Type.Optional(text(1000, '不予共享依据 (§23)')),
  shareMethod: oneOf(SHARE_METHODS, '共享方式 (§17)'),
  openType: oneOf(OPEN_TYPES, '开放属性 (§24)'),
  openMethod: Type.Optional(text(200, '开放方式')),
  updateCycle: oneOf(UPDATE_CYCLES, '更新周期'),
  parallelApproval: Type.Optional(Type.Boolean({ description: '用于跨部门并联审批/协同办公 (§17)' })),
  relatedCodes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, description: '关联资源代码' })),
  structure: Type.Optional(text(5000, '数据结构 (§10)')),
}, { additionalProperties: false });

/**
 * A draft may be saved half-filled (nothing typed is lost): only the name is required, every field
 * that is given must still be well-formed. Completeness is checked at submission (§11).
 */
export const DraftItemSchema = Type.Partial(DataItemSchema, { additionalProperties: false });
export const DraftBodySchema = Type.Composite([
  Type.Partial(Type.Omit(EntryBodySchema, ['name', 'items'])),
  Type.Object({
    name: EntryBodySchema.properties.name,
    items: Type.Optional(Type.Array(DraftItemSchema, { maxItems: 500, description: '数据项 (§10 数据字典)' })),
  }),
], { additionalProperties: false });

export const IssueSchema = Type.Object({
  level: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(),
  field: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  article: Type.String(),
});

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const WithdrawalSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  entryName: Type.String(),
  entryCode: nullable(Type.String()),
  regionCode: Type.String(),
  providerName: Type.String(),
  reason: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedBy: nullable(Type.String()),
  decidedAt: nullable(Type.String()),
  decisionComment: nullable(Type.String()),
  fileWithCity: Type.Boolean({ description: '县级撤销须报市政务数据主管部门备案 (§19)' }),
});

export const ChangeEventSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  entryName: Type.String(),
  entryCode: nullable(Type.String()),
  providerId: Type.String(),
  providerName: Type.String(),
  kind: Type.Union([Type.Literal('law'), Type.Literal('function')]),
  title: Type.String(),
  description: Type.String(),
  announcedOn: Type.String(),
  dueOn: Type.String(),
  dueAt: Type.String(),
  provisional: Type.Boolean(),
  state: oneOf(CHANGE_EVENT_STATES),
  remainingWorkdays: Type.Integer(),
  recordedAt: Type.String(),
  resolvedAt: nullable(Type.String()),
  resolvedVersion: nullable(Type.Integer()),
});

/** 未挂接 / 已挂接 / 变更待审核 — a pending change shows only to the provider and the authority over the entry. */
const MountStatusSchema = Type.Union([Type.Literal('unmounted'), Type.Literal('mounted'), Type.Literal('change_pending')], {
  description: '未挂接 / 已挂接 / 变更待审核 (only the provider and its authority see change_pending; others see mounted)',
});

export const EntrySchema = Type.Intersect([
  DraftBodySchema,
  Type.Object({
    id: Type.String(),
    code: nullable(Type.String()),
    status: oneOf(ENTRY_STATUSES),
    providerId: Type.String(),
    providerName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    version: Type.Integer(),
    workingVersion: Type.Integer(),
    publishedVersion: nullable(Type.Integer()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    publishedAt: nullable(Type.String()),
    issues: Type.Array(IssueSchema),
    permissions: Type.Object({
      edit: Type.Boolean(), submit: Type.Boolean(), discard: Type.Boolean(), review: Type.Boolean(),
      requestWithdrawal: Type.Boolean(), decideWithdrawal: Type.Boolean(), recordChange: Type.Boolean(),
    }),
    versions: Type.Array(Type.Object({
      version: Type.Integer(), state: Type.String(), createdAt: Type.String(),
      submittedAt: nullable(Type.String()), publishedAt: nullable(Type.String()),
    })),
    events: Type.Array(Type.Object({
      action: Type.String(), version: Type.Integer(), actorName: nullable(Type.String()),
      orgName: nullable(Type.String()), comment: nullable(Type.String()), at: Type.String(),
    })),
    withdrawal: nullable(WithdrawalSchema),
    changeEvents: Type.Array(ChangeEventSchema),
    mountStatus: MountStatusSchema,
  }),
]);

export const SummarySchema = Type.Object({
  id: Type.String(),
  code: nullable(Type.String()),
  name: Type.String(),
  summary: Type.String(),
  status: oneOf(ENTRY_STATUSES),
  providerId: Type.String(),
  providerName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  // Optional: a draft may not have them yet.
  category: Type.Object({ kind: Type.Optional(oneOf(CATEGORY_KINDS)), item: Type.Optional(Type.String()), subItem: Type.Optional(Type.String()) }),
  grade: Type.Optional(oneOf(GRADES)),
  important: Type.Optional(Type.Boolean()),
  shareType: Type.Optional(oneOf(SHARE_TYPES)),
  shareMethod: Type.Optional(oneOf(SHARE_METHODS)),
  openType: Type.Optional(oneOf(OPEN_TYPES)),
  updateCycle: Type.Optional(oneOf(UPDATE_CYCLES)),
  itemCount: Type.Integer(),
  version: Type.Integer(),
  publishedVersion: nullable(Type.Integer()),
  updatedAt: Type.String(),
  submittedAt: nullable(Type.String()),
  publishedAt: nullable(Type.String()),
  mountStatus: MountStatusSchema,
});

export const FACETS = ['regionCode', 'providerId', 'categoryKind', 'shareType', 'shareMethod', 'openType', 'grade', 'updateCycle'] as const;
export type Facet = (typeof FACETS)[number];

export const FacetValueSchema = Type.Object({ value: Type.String(), label: Type.String(), labelEn: Type.String(), count: Type.Integer() });

/** GET /catalog: one page of summaries and, for every facet, the counts under all the other filters. */
export const SearchResponseSchema = Type.Object({
  items: Type.Array(SummarySchema), total: Type.Integer(), nextCursor: Type.Optional(Type.String()),
  facets: Type.Object(
    Object.fromEntries(FACETS.map((f) => [f, Type.Array(FacetValueSchema)])) as Record<Facet, TArray<typeof FacetValueSchema>>,
  ),
});

export const ListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  view: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('mine'), Type.Literal('review')])),
  column: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('theme'), Type.Literal('cascade')])),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  providerId: Type.Optional(Type.String({ format: 'uuid' })),
  categoryKind: Type.Optional(oneOf(CATEGORY_KINDS)),
  shareType: Type.Optional(oneOf(SHARE_TYPES)),
  shareMethod: Type.Optional(oneOf(SHARE_METHODS)),
  openType: Type.Optional(oneOf(OPEN_TYPES)),
  grade: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  updateCycle: Type.Optional(oneOf(UPDATE_CYCLES)),
  status: Type.Optional(oneOf(ENTRY_STATUSES)),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('updated'), Type.Literal('name'), Type.Literal('code')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
