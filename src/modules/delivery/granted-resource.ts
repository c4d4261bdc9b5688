/**
 * The resource a consumer app asks for by code, with what the delivery needs — its mount, its
 * published data dictionary and the app department's most lasting active grant for the method —
 * in one round trip. The grant's liveness (validity dates) is then decided by the pure rule.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';

export interface GrantedResource {
  id: string;
  kind: 'table' | 'api' | 'file';
  config: unknown;
  body: CatalogEntryBody;
  grant?: {
    id: string;
    status: 'active' | 'suspended' | 'expired' | 'revoked';
    items: string[];
    conditions: unknown;
    purpose: string;
    scenario: string;
    valid_until: string;
  };
}

export async function grantedResource(db: Db, code: string, consumerId: string, method: 'api' | 'verify'): Promise<GrantedResource | undefined> {
  const row = (await sql<{
    id: string; kind: GrantedResource['kind']; config: unknown; body: CatalogEntryBody;
    grant_id: string | null; grant_status: 'active' | null; grant_items: string[] | null; grant_conditions: unknown;
    grant_purpose: string | null; grant_scenario: string | null; grant_valid_until: string | null;
  }>`SELECT e.id, m.kind, m.config, v.body,
        g.id AS grant_id, g.status AS grant_status, g.items AS grant_items, g.conditions AS grant_conditions,
        g.purpose AS grant_purpose, g.scenario AS grant_scenario, g.valid_until AS grant_valid_until
      FROM catalog_entry e
      JOIN catalog_mount m ON m.entry_id = e.id
      JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
      LEFT JOIN LATERAL (
        SELECT id, status, items, conditions, purpose, scenario, valid_until FROM share_grant
         WHERE entry_id = e.id AND consumer_id = ${consumerId} AND method = ${method} AND status = 'active'
         ORDER BY valid_until DESC LIMIT 1) g ON true
     WHERE e.code = ${code} AND e.status <> 'withdrawn'`.execute(db)).rows[0];
  if (!row) return undefined;
  return {
    id: row.id, kind: row.kind, config: row.config, body: row.body,
    ...(row.grant_id ? {
      grant: {
        id: row.grant_id, status: row.grant_status!, items: row.grant_items!, conditions: row.grant_conditions,
        purpose: row.grant_purpose!, scenario: row.grant_scenario!, valid_until: row.grant_valid_until!,
      },
    } : {}),
  };
}
