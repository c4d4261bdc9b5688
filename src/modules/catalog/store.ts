/**
 * SQL of the catalog: entries, their versions and history, code sequences. Visibility is decided
 * by the service; this file only reads and writes what it is asked for.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ExistingEntry } from '../../domain/catalog/sheet.ts';
import type { CatalogEntryBody, EntryDraft } from '../../domain/catalog/types.ts';
import type { PublishedItemRef } from '../../domain/catalog/one-source.ts';
import { departmentNames, indexTerms } from '../../domain/search/terms.ts';

export interface EntryRow {
  id: string;
  provider_id: string;
  provider_name: string;
  provider_short_name: string;
  region_code: string;
  region_name: string;
  region_level: 'city' | 'county';
  code: string | null;
  status: 'draft' | 'pending' | 'returned' | 'published' | 'withdrawing' | 'withdrawn';
  working_version: number;
  published_version: number | null;
  created_at: Date;
  updated_at: Date;
  first_published_at: Date | null;
}

export interface VersionRow {
  version: number;
  /** Complete (a CatalogEntryBody) once submitted; a draft may be partial. */
  body: EntryDraft;
  state: 'draft' | 'pending' | 'returned' | 'published' | 'superseded';
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
}

export function entryQuery(db: Db) {
  return db
    .selectFrom('catalog_entry as e')
    .innerJoin('org as o', 'o.id', 'e.provider_id')
    .innerJoin('region as r', 'r.code', 'e.region_code')
    .select([
      'e.id', 'e.provider_id', 'o.name as provider_name', 'o.short_name as provider_short_name', 'e.region_code', 'r.name as region_name', 'r.level as region_level',
      'e.code', 'e.status', 'e.working_version', 'e.published_version', 'e.created_at', 'e.updated_at', 'e.first_published_at',
    ]);
}

export async function findEntry(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<EntryRow | undefined> {
  if (opts.forUpdate) {
    // Lock the entry row first: two reviewers acting at once serialise here, and the second sees the new status.
    await db.selectFrom('catalog_entry').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }
  return entryQuery(db).where('e.id', '=', id).executeTakeFirst() as Promise<EntryRow | undefined>;
}

export async function findVersion(db: Db, entryId: string, version: number): Promise<VersionRow | undefined> {
  return db.selectFrom('catalog_entry_version')
    .select(['version', 'body', 'state', 'created_at', 'updated_at', 'submitted_at', 'published_at'])
    .where('entry_id', '=', entryId).where('version', '=', version)
    .executeTakeFirst() as Promise<VersionRow | undefined>;
}

export async function listVersions(db: Db, entryId: string) {
  return db.selectFrom('catalog_entry_version')
    .select(['version', 'state', 'created_at', 'submitted_at', 'published_at'])
    .where('entry_id', '=', entryId).orderBy('version', 'desc').execute();
}

/** The department an entry is filed by, as the search document names it. */
export interface Provider {
  name: string;
  shortName: string;
}

/**
 * The rules the search document is built by. Raise it whenever searchDoc or the terms change what
 * a stored document holds: versions built by older rules are rebuilt at the next start
 * (rebuildSearchDocs). 1: provider's full name; 2: also its short name and abbreviations.
 */
export const SEARCH_DOC_VERSION = 2;

/** Weighted terms: name (A), data items (B), summary and structure (C), provider by all its names (D). */
export function searchDoc(body: EntryDraft, provider: Provider) {
  const weighted = (text: string, weight: 'A' | 'B' | 'C' | 'D') =>
    sql`setweight(array_to_tsvector(${indexTerms(text)}::text[]), ${weight}::"char")`;
  const items = (body.items ?? []).map((i) => `${i.label ?? ''} ${i.name ?? ''} ${i.description ?? ''}`).join(' ');
  return sql`${weighted(body.name, 'A')} || ${weighted(items, 'B')} || ${weighted(`${body.summary ?? ''} ${body.structure ?? ''}`, 'C')} || ${weighted(departmentNames(provider.name, provider.shortName), 'D')}`;
}

export async function insertVersion(db: Db, v: { entryId: string; version: number; body: EntryDraft; userId: string; provider: Provider }) {
  await db.insertInto('catalog_entry_version').values({
    entry_id: v.entryId,
    version: v.version,
    body: JSON.stringify(v.body),
    state: 'draft',
    created_by: v.userId,
    search_doc: searchDoc(v.body, v.provider),
    search_version: SEARCH_DOC_VERSION,
  }).execute();
}

export async function updateVersionBody(db: Db, v: { entryId: string; version: number; body: EntryDraft; provider: Provider }) {
  await db.updateTable('catalog_entry_version')
    .set({
      body: JSON.stringify(v.body), state: 'draft', updated_at: new Date(),
      search_doc: searchDoc(v.body, v.provider), search_version: SEARCH_DOC_VERSION,
    })
    .where('entry_id', '=', v.entryId).where('version', '=', v.version).execute();
}

/**
 * Rebuilds the search documents built by older rules than SEARCH_DOC_VERSION — every version,
 * published ones too: the document is derived data, not part of what was published. Runs at start
 * after the migrations, in batches; a second server starting alongside rebuilds the same rows to the
 * same result. Answers how many versions were rebuilt.
 */
export async function rebuildSearchDocs(db: Db, batch = 200): Promise<number> {
  let rebuilt = 0;
  for (;;) {
    const rows = await db.selectFrom('catalog_entry_version as v')
      .innerJoin('catalog_entry as e', 'e.id', 'v.entry_id')
      .innerJoin('org as o', 'o.id', 'e.provider_id')
      .select(['v.entry_id', 'v.version', 'v.body', 'o.name', 'o.short_name'])
      .where('v.search_version', '<', SEARCH_DOC_VERSION)
      .orderBy('v.entry_id').orderBy('v.version')
      .limit(batch).execute();
    if (rows.length === 0) return rebuilt;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) {
        await tx.updateTable('catalog_entry_version')
          .set({ search_doc: searchDoc(r.body as EntryDraft, { name: r.name, shortName: r.short_name }), search_version: SEARCH_DOC_VERSION })
          .where('entry_id', '=', r.entry_id).where('version', '=', r.version)
          .where('search_version', '<', SEARCH_DOC_VERSION).execute();
      }
    });
    rebuilt += rows.length;
  }
}

export async function addEvent(db: Db, e: { entryId: string; version: number; action: string; actorId: string | null; orgId: string | null; comment?: string | null }) {
  await db.insertInto('catalog_entry_event').values({
    entry_id: e.entryId, version: e.version, action: e.action, actor_id: e.actorId, org_id: e.orgId, comment: e.comment ?? null,
  }).execute();
}

export async function listEvents(db: Db, entryId: string) {
  return db.selectFrom('catalog_entry_event as ev')
    .leftJoin('app_user as u', 'u.id', 'ev.actor_id')
    .leftJoin('org as o', 'o.id', 'ev.org_id')
    .select(['ev.action', 'ev.version', 'u.display_name as actor_name', 'o.name as org_name', 'ev.comment', 'ev.at'])
    .where('ev.entry_id', '=', entryId).orderBy('ev.id').execute();
}

/** Issues the next sequence number of a classification prefix: atomic, only ever increasing (§13). */
export async function nextSequence(db: Db, prefix: string): Promise<number> {
  const row = await db.insertInto('catalog_code_sequence').values({ prefix, last_seq: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet({ last_seq: sql`catalog_code_sequence.last_seq + 1` }))
    .returning('last_seq').executeTakeFirstOrThrow();
  return row.last_seq;
}

/** Every published entry has its unified code, so the domain's reference shape fits as is. */
export type PublishedItem = PublishedItemRef;

/** Data items other departments publish now (一数一源, §15). */
export async function publishedItemsOfOthers(db: Db, providerId: string): Promise<PublishedItem[]> {
  const rows = await sql<PublishedItem>`
    SELECT e.id AS "entryId", v.body->>'name' AS "entryName", e.code, o.id AS "providerId", o.name AS "providerName",
           item->>'name' AS "itemName", item->>'label' AS "itemLabel"
      FROM catalog_entry e
      JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
      JOIN org o ON o.id = e.provider_id
      CROSS JOIN LATERAL jsonb_array_elements(v.body->'items') AS item
     WHERE e.provider_id <> ${providerId} AND e.status <> 'withdrawn'`.execute(db);
  return rows.rows;
}

/**
 * The department's entries that are not withdrawn, by the names of their working and published
 * versions (§11 命名的准确性: one department files one entry per name) — but `exceptId`, the entry
 * being renamed.
 */
export async function departmentEntries(db: Db, orgId: string, exceptId?: string): Promise<Array<ExistingEntry & { id: string }>> {
  let query = db.selectFrom('catalog_entry as e')
    .innerJoin('catalog_entry_version as v', (j) => j.onRef('v.entry_id', '=', 'e.id').on((eb) =>
      eb.or([eb('v.version', '=', eb.ref('e.working_version')), eb('v.version', '=', eb.ref('e.published_version'))])))
    .select(['e.id', 'e.code', 'e.status', sql<string>`v.body->>'name'`.as('name')])
    .where('e.provider_id', '=', orgId).where('e.status', '<>', 'withdrawn');
  if (exceptId) query = query.where('e.id', '<>', exceptId);
  const rows = await query.execute();
  return rows.filter((r) => typeof r.name === 'string') as Array<ExistingEntry & { id: string }>;
}
