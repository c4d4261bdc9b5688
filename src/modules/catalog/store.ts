/**
 * SQL of the catalog: entries, their versions and history, code sequences. Visibility is decided
 * by the service; this file only reads and writes what it is asked for.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody, EntryDraft } from '../../domain/catalog/types.ts';
import type { PublishedItemRef } from '../../domain/catalog/one-source.ts';
import { indexTerms } from '../../domain/search/terms.ts';

export interface EntryRow {
  id: string;
  provider_id: string;
  provider_name: string;
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
      'e.id', 'e.provider_id', 'o.name as provider_name', 'e.region_code', 'r.name as region_name', 'r.level as region_level',
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

/** Weighted terms: name (A), data items (B), summary and structure (C), provider (D). */
export function searchDoc(body: EntryDraft, providerName: string) {
  const weighted = (text: string, weight: 'A' | 'B' | 'C' | 'D') =>
    sql`setweight(array_to_tsvector(${indexTerms(text)}::text[]), ${weight}::"char")`;
  const items = (body.items ?? []).map((i) => `${i.label ?? ''} ${i.name ?? ''} ${i.description ?? ''}`).join(' ');
  return sql`${weighted(body.name, 'A')} || ${weighted(items, 'B')} || ${weighted(`${body.summary ?? ''} ${body.structure ?? ''}`, 'C')} || ${weighted(providerName, 'D')}`;
}

export async function insertVersion(db: Db, v: { entryId: string; version: number; body: EntryDraft; userId: string; providerName: string }) {
  await db.insertInto('catalog_entry_version').values({
    entry_id: v.entryId,
    version: v.version,
    body: JSON.stringify(v.body),
    state: 'draft',
    created_by: v.userId,
    search_doc: searchDoc(v.body, v.providerName),
  }).execute();
}

export async function updateVersionBody(db: Db, v: { entryId: string; version: number; body: EntryDraft; providerName: string }) {
  await db.updateTable('catalog_entry_version')
    .set({ body: JSON.stringify(v.body), state: 'draft', updated_at: new Date(), search_doc: searchDoc(v.body, v.providerName) })
    .where('entry_id', '=', v.entryId).where('version', '=', v.version).execute();
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
