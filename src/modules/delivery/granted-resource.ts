/**
 * The resource a consumer app asks for by code, with what the delivery needs — its mount, its
 * published data dictionary and the app department's most lasting active grant for the method.
 * The grant's liveness (validity dates) is then decided by the pure rule. Grants are never cached:
 * they are read here on every call, so a revocation stops the very next one.
 *
 * On the hot path (`authorizedResource`) the same read is folded with the call's other checks into
 * ONE read-only statement: the nonce looked up (replay; it is recorded with the call's access
 * record), the app re-read (disabled? secret rotated? its limits), the platform's limit settings
 * read, and — for a data-API call like the app's previous one — the page itself (SpeculativePage),
 * its rows after the checks' row: one round trip instead of five.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { APP_LIMITS_SETTING, type LimitChannel } from '../../domain/delivery/limits.ts';
import type { PageRow } from './page-query.ts';
import { executeNamed } from './prepared.ts';

export interface GrantedResource {
  id: string;
  kind: 'table' | 'api' | 'file';
  config: unknown;
  /** The 前置库's URL sealed (table mounts on another server; front-db.ts), else null. */
  connection_sealed: string | null;
  version: number;
  body: CatalogEntryBody;
  grant?: {
    id: string;
    status: 'active' | 'suspended' | 'expired' | 'revoked';
    items: string[];
    conditions: unknown;
    purpose: string;
    scenario: string;
    valid_until: string;
    /** The consumer accepted the grant's data-security agreement (security rules §27). */
    agreementAccepted: boolean;
  };
}

interface ResourceRow {
  id: string; kind: GrantedResource['kind']; config: unknown; connection_sealed: string | null; version: number; body: CatalogEntryBody | null;
  grant_id: string | null; grant_status: 'active' | null; grant_items: string[] | null; grant_conditions: unknown;
  grant_purpose: string | null; grant_scenario: string | null; grant_valid_until: string | null; grant_agreement_accepted: boolean | null;
}

/**
 * The entry by code, its mount and version, and the consumer's grant (the lateral join): shared by
 * both reads below. `withBody` = false leaves the (immutable) body out when the caller holds it.
 */
function resourceQuery(code: string, consumerId: RawBuilder<unknown>, method: 'api' | 'verify', withBody: RawBuilder<unknown>) {
  return sql`SELECT e.id, m.kind, m.config, m.connection_sealed, e.published_version AS version,
        CASE WHEN ${withBody} THEN v.body END AS body,
        g.id AS grant_id, g.status AS grant_status, g.items AS grant_items, g.conditions AS grant_conditions,
        g.purpose AS grant_purpose, g.scenario AS grant_scenario, g.valid_until AS grant_valid_until,
        g.agreement_accepted AS grant_agreement_accepted
      FROM catalog_entry e
      JOIN catalog_mount m ON m.entry_id = e.id
      JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
      LEFT JOIN LATERAL (
        SELECT id, status, items, conditions, purpose, scenario, valid_until,
          EXISTS (SELECT 1 FROM grant_agreement a WHERE a.grant_id = share_grant.id AND a.accepted_at IS NOT NULL) AS agreement_accepted
          FROM share_grant
         WHERE entry_id = e.id AND consumer_id = ${consumerId} AND method = ${method} AND status = 'active'
         ORDER BY valid_until DESC LIMIT 1) g ON true
     WHERE e.code = ${code} AND e.status <> 'withdrawn'`;
}

function toResource(row: ResourceRow, body: CatalogEntryBody): GrantedResource {
  return {
    id: row.id, kind: row.kind, config: row.config, connection_sealed: row.connection_sealed, version: row.version, body,
    ...(row.grant_id ? {
      grant: {
        id: row.grant_id, status: row.grant_status!, items: row.grant_items!, conditions: row.grant_conditions,
        purpose: row.grant_purpose!, scenario: row.grant_scenario!, valid_until: row.grant_valid_until!,
        agreementAccepted: row.grant_agreement_accepted === true,
      },
    } : {}),
  };
}

export async function grantedResource(db: Db, code: string, consumerId: string, method: 'api' | 'verify'): Promise<GrantedResource | undefined> {
  const row = (await sql<ResourceRow>`${resourceQuery(code, sql`${consumerId}`, method, sql`true`)}`.execute(db)).rows[0];
  return row ? toResource(row, row.body!) : undefined;
}

/** The app as the gate needs it, re-read on every call. */
export interface GateApp {
  org_id: string;
  ip_allowlist: string[];
  secret_version: number;
  disabled: boolean;
  per_second: number | null;
  per_day: number | null;
}

export interface AuthorizedResource {
  /** False when the nonce had been used before: a replay. */
  fresh: boolean;
  app?: GateApp;
  /** The platform_setting of the limits, as stored. */
  limitSettings: unknown;
  resource?: GrantedResource;
  /** The speculated page's rows, when the statement resolved what it was built for. */
  page?: Record<string, string | null>[];
}

/**
 * Immutable entry versions' bodies by code, so the hot statement leaves them out while the entry
 * stays at the version held (a new version, or another entry under the code, sends the body again).
 */
export class EntryBodies {
  private readonly held = new Map<string, { id: string; version: number; body: CatalogEntryBody }>();

  constructor(private readonly max = 2000) {}

  known(code: string) {
    return this.held.get(code);
  }

  keep(code: string, id: string, version: number, body: CatalogEntryBody) {
    if (this.held.size >= this.max && !this.held.has(code)) this.held.delete(this.held.keys().next().value!);
    this.held.set(code, { id, version, body });
  }
}

/**
 * A data page read in the same statement as the call's checks, built from what the app's previous
 * call resolved (entry version, grant, mount): run only when the statement resolves exactly that —
 * and the nonce is fresh, the app enabled and unrotated, the agreement accepted — else left out
 * (NULL). Speculative: the caller still makes every check in Node before any row leaves.
 */
export interface SpeculativePage {
  entryId: string;
  version: number;
  grantId: string;
  /** The mount's config as stored (JSON), compared whole: a re-mount is another query. */
  config: string;
  query: RawBuilder<unknown>;
  /** The query's columns, in order (all text). */
  columns: string[];
  /** Whether the statement may be prepared (prepared.ts): its text comes from a bounded set of shapes. */
  named: boolean;
}

/**
 * One statement for a signed call whose signature is already verified: record the nonce, re-read
 * the app and the limit settings, resolve the resource and the app department's grant — and read
 * the page, when one is speculated.
 */
export async function authorizedResource(db: Db, q: {
  appId: string; appKey: string; nonce: string; secretVersion: number; code: string; method: LimitChannel; bodies: EntryBodies; page?: SpeculativePage;
}): Promise<AuthorizedResource> {
  const held = q.bodies.known(q.code);
  const perSecond = sql.ref(`a.${q.method}_per_second`);
  const perDay = sql.ref(`a.${q.method}_per_day`);
  const withBody = held ? sql`NOT (e.id = ${held.id} AND e.published_version = ${held.version})` : sql`true`;
  // Read-only: the nonce is recorded with the call's access record (access-writer.ts), before any answer is sent.
  const gate = sql`SELECT NOT EXISTS (SELECT 1 FROM request_nonce n WHERE n.app_key = ${q.appKey} AND n.nonce = ${q.nonce}) AS fresh,
      a.org_id, a.ip_allowlist, a.secret_version, a.disabled_at IS NOT NULL AS disabled, ${perSecond} AS per_second, ${perDay} AS per_day,
      (SELECT value FROM platform_setting WHERE key = ${APP_LIMITS_SETTING}) AS limit_settings, r.*
    FROM consumer_app a
    LEFT JOIN LATERAL (${resourceQuery(q.code, sql`a.org_id`, q.method, withBody)}) r ON true
    WHERE a.id = ${q.appId}`;
  const p = q.page;
  if (!p) {
    const row = (await executeNamed(db, sql<GateRow>`${gate}`)).rows[0];
    return row ? resolved(q, row) : { fresh: true, limitSettings: null };
  }
  // The page's rows follow the checks' row (as JSON, _gdx_part 0) in the same result, in the page's
  // order: PostgreSQL appends the branches of a UNION ALL one after the other, each in its own order.
  const rows = (await executeNamed(db, sql<PageRow & { _gdx_part: number; _gdx_gate: GateRow & { page_ok: boolean | null } | null }>`WITH gate AS MATERIALIZED (
      SELECT g.*, g.fresh AND g.id = ${p.entryId} AND g.version = ${p.version} AND g.grant_id = ${p.grantId} AND g.kind = 'table'
          AND g.config = CAST(${p.config} AS jsonb) AND g.connection_sealed IS NULL AND g.grant_agreement_accepted
          AND NOT g.disabled AND g.secret_version = ${q.secretVersion} AS page_ok
        FROM (${gate}) g)
    SELECT 0 AS _gdx_part, row_to_json(gate) AS _gdx_gate, ${sql.join(p.columns.map((c) => sql`NULL::text AS ${sql.ref(c)}`))} FROM gate
    UNION ALL
    SELECT 1, NULL, r_page.* FROM gate, LATERAL (${p.query}) r_page WHERE gate.page_ok`, p.named)).rows;
  const first = rows[0];
  if (!first) return { fresh: true, limitSettings: null };
  if (first._gdx_part !== 0 || !first._gdx_gate) throw new Error('the checks\' row did not come first');
  const out = resolved(q, first._gdx_gate);
  return first._gdx_gate.page_ok ? { ...out, page: rows.slice(1) } : out;
}

/** What the checks' row says; the entry's body taken from (or kept in) the held bodies. */
function resolved(q: { code: string; bodies: EntryBodies }, row: GateRow): AuthorizedResource {
  const app: GateApp = {
    org_id: row.org_id, ip_allowlist: row.ip_allowlist, secret_version: row.secret_version, disabled: row.disabled,
    per_second: row.per_second, per_day: row.per_day,
  };
  if (row.id === null) return { fresh: row.fresh, app, limitSettings: row.limit_settings };
  let body = row.body;
  if (body === null) body = q.bodies.known(q.code)!.body;
  else q.bodies.keep(q.code, row.id, row.version, body);
  return { fresh: row.fresh, app, limitSettings: row.limit_settings, resource: toResource(row, body) };
}

/** The row of the call's checks. */
type GateRow = ResourceRow & {
  fresh: boolean; org_id: string; ip_allowlist: string[]; secret_version: number; disabled: boolean;
  per_second: number | null; per_day: number | null; limit_settings: unknown;
};
