/**
 * Discovery (§27): search and facets over the catalog as the caller may see it. Filters are pushed
 * into SQL; each facet counts with every filter but its own, so choosing one value still shows
 * what the others would give.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import { mountStatus, type MountStatus } from '../../domain/delivery/mount-change.ts';
import {
  CATEGORY_KIND_LABELS, GRADE_LABELS, OPEN_TYPE_LABELS, SHARE_METHOD_LABELS, SHARE_TYPE_LABELS, UPDATE_CYCLE_LABELS,
} from '../../domain/catalog/labels.ts';
import type {
  CategoryKind, EntryStatus, Grade, OpenType, ShareMethod, ShareType, UpdateCycle,
} from '../../domain/catalog/types.ts';
import { queryTerms, toTsQuery } from '../../domain/search/terms.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { FACETS, type Facet } from './schemas.ts';

export interface ListQuery {
  q?: string;
  view?: 'published' | 'mine' | 'review';
  column?: 'department' | 'theme' | 'cascade';
  regionCode?: string;
  providerId?: string;
  categoryKind?: string;
  shareType?: string;
  shareMethod?: string;
  openType?: string;
  grade?: number;
  updateCycle?: string;
  status?: string;
  sort?: 'relevance' | 'updated' | 'name' | 'code';
  limit?: number;
  cursor?: string;
}

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
  category: { kind?: CategoryKind; item?: string; subItem?: string };
  grade?: Grade;
  important?: boolean;
  shareType?: ShareType;
  shareMethod?: ShareMethod;
  openType?: OpenType;
  updateCycle?: UpdateCycle;
  itemCount: number;
  version: number;
  publishedVersion: number | null;
  updatedAt: string;
  /** When the working version was submitted for review (review queue order). */
  submittedAt: string | null;
  publishedAt: string | null;
  mountStatus: MountStatus;
}

export interface FacetValue {
  value: string;
  label: string;
  labelEn: string;
  count: number;
}

const FACET_EXPR: Record<Facet, RawBuilder<unknown>> = {
  regionCode: sql`e.region_code`,
  providerId: sql`e.provider_id::text`,
  categoryKind: sql`v.body->'category'->>'kind'`,
  shareType: sql`v.body->>'shareType'`,
  shareMethod: sql`v.body->>'shareMethod'`,
  openType: sql`v.body->>'openType'`,
  grade: sql`v.body->>'grade'`,
  updateCycle: sql`v.body->>'updateCycle'`,
};

const ENUM_LABELS: Partial<Record<Facet, Record<string, { zh: string; en: string }>>> = {
  categoryKind: CATEGORY_KIND_LABELS,
  shareType: SHARE_TYPE_LABELS,
  shareMethod: SHARE_METHOD_LABELS,
  openType: OPEN_TYPE_LABELS,
  grade: GRADE_LABELS as unknown as Record<string, { zh: string; en: string }>,
  updateCycle: UPDATE_CYCLE_LABELS,
};

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (Number.isInteger(o) && (o as number) >= 0) return o as number;
  } catch {
    // fall through
  }
  throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor', [{ field: 'querystring.cursor', zh: 'cursor 无效', en: 'invalid cursor' }]);
}
const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export async function searchCatalog(db: Db, actor: UserActor, query: ListQuery) {
  const view = query.view ?? 'published';
  const isAuthority = actor.orgKind === 'authority' && actor.roles.includes('authority');
  if (view === 'review' && !isAuthority) {
    throw forbidden('ROLE_REQUIRED', '只有主管部门审核员可以查看审核队列', 'only authority reviewers have a review queue');
  }

  // Which version each view reads, and which entries it may see at all.
  const scope: RawBuilder<unknown>[] =
    view === 'published' ? [sql`v.version = e.published_version`, sql`e.status <> 'withdrawn'`]
    : view === 'mine' ? [sql`v.version = e.working_version`, sql`e.provider_id = ${actor.orgId}`]
    : [sql`v.version = e.working_version`, sql`e.status IN ('pending', 'withdrawing')`,
      ...(actor.regionLevel === 'city' ? [] : [sql`e.region_code = ${actor.regionCode}`])];

  const terms = query.q ? queryTerms(query.q) : [];
  const tsq = terms.length ? sql`${toTsQuery(terms)}::tsquery` : undefined;
  if (tsq) scope.push(sql`v.search_doc @@ ${tsq}`);
  if (query.column === 'theme') scope.push(sql`(v.body->'category'->>'kind' = 'theme' OR v.body ? 'themeDb')`);
  if (query.column === 'department') scope.push(sql`NOT (v.body->'category'->>'kind' = 'theme' OR v.body ? 'themeDb')`);
  if (query.column === 'cascade') scope.push(sql`false`); // 省市级联: entries arrive with the cascade capability
  if (query.status) scope.push(sql`e.status = ${query.status}`);

  const facetFilters = new Map<Facet, RawBuilder<unknown>>();
  for (const f of FACETS) {
    const value = query[f];
    if (value !== undefined) facetFilters.set(f, sql`${FACET_EXPR[f]} = ${String(value)}`);
  }
  const where = (except?: Facet) => {
    const conds = [...scope, ...[...facetFilters].filter(([f]) => f !== except).map(([, c]) => c)];
    return sql.join(conds, sql` AND `);
  };
  const from = sql`FROM catalog_entry e
    JOIN catalog_entry_version v ON v.entry_id = e.id
    JOIN org o ON o.id = e.provider_id
    JOIN region r ON r.code = e.region_code`;

  const limit = query.limit ?? 20;
  const offset = decodeCursor(query.cursor);
  const sort = query.sort ?? (tsq ? 'relevance' : 'updated');
  // The review queue is worked oldest submission first (deadlines run from submission).
  const order = view === 'review' && !query.sort ? sql`v.submitted_at ASC NULLS LAST, e.id`
    : sort === 'relevance' && tsq ? sql`ts_rank(v.search_doc, ${tsq}) DESC, e.updated_at DESC, e.id`
    : sort === 'name' ? sql`v.body->>'name' ASC, e.id`
    : sort === 'code' ? sql`e.code ASC NULLS LAST, e.id`
    : sql`e.updated_at DESC, e.id`;

  const rows = await sql<{
    id: string; code: string | null; status: EntryStatus; provider_id: string; provider_name: string; region_code: string;
    region_name: string; body: Record<string, any>; version: number; published_version: number | null; updated_at: Date;
    submitted_at: Date | null; first_published_at: Date | null; mounted: boolean; change_pending: boolean;
  }>`SELECT e.id, e.code, e.status, e.provider_id, o.name AS provider_name, e.region_code, r.name AS region_name,
      v.body, v.version, e.published_version, e.updated_at, v.submitted_at, e.first_published_at,
      EXISTS (SELECT 1 FROM catalog_mount m WHERE m.entry_id = e.id) AS mounted,
      EXISTS (SELECT 1 FROM catalog_mount_change c WHERE c.entry_id = e.id AND c.status = 'pending') AS change_pending
    ${from} WHERE ${where()} ORDER BY ${order} LIMIT ${limit + 1} OFFSET ${offset}`.execute(db);
  const total = (await sql<{ n: number }>`SELECT count(*)::int AS n ${from} WHERE ${where()}`.execute(db)).rows[0]!.n;

  const facets = {} as Record<Facet, FacetValue[]>;
  const names = await facetNames(db);
  for (const f of FACETS) {
    const counts = await sql<{ value: string; count: number }>`SELECT ${FACET_EXPR[f]} AS value, count(*)::int AS count
      ${from} WHERE ${where(f)} GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
    facets[f] = counts.rows.filter((c) => c.value !== null).map((c) => {
      const label = f === 'regionCode' ? names.regions.get(c.value) : f === 'providerId' ? names.orgs.get(c.value) : ENUM_LABELS[f]?.[c.value];
      return { value: c.value, label: label?.zh ?? c.value, labelEn: label?.en ?? c.value, count: c.count };
    });
  }

  const page = rows.rows.slice(0, limit);
  const items: EntrySummary[] = page.map((r) => ({
    id: r.id, code: r.code, name: r.body.name, summary: r.body.summary ?? '', status: r.status,
    providerId: r.provider_id, providerName: r.provider_name, regionCode: r.region_code, regionName: r.region_name,
    category: r.body.category ?? {}, grade: r.body.grade, important: r.body.important, shareType: r.body.shareType,
    shareMethod: r.body.shareMethod, openType: r.body.openType, updateCycle: r.body.updateCycle,
    itemCount: Array.isArray(r.body.items) ? r.body.items.length : 0, version: r.version, publishedVersion: r.published_version,
    updatedAt: r.updated_at.toISOString(), submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null, publishedAt: r.first_published_at ? r.first_published_at.toISOString() : null,
    mountStatus: mountStatus(r.mounted, r.change_pending, r.provider_id === actor.orgId || authorityCovers(actor, r.region_code)),
  }));
  return { items, total, ...(rows.rows.length > limit ? { nextCursor: encodeCursor(offset + limit) } : {}), facets };
}

async function facetNames(db: Db) {
  const regions = await db.selectFrom('region').select(['code', 'name']).execute();
  const orgs = await db.selectFrom('org').select(['id', 'name', 'short_name']).execute();
  return {
    regions: new Map(regions.map((r) => [r.code, { zh: r.name, en: r.name }])),
    orgs: new Map(orgs.map((o) => [o.id, { zh: o.name, en: o.short_name }])),
  };
}
