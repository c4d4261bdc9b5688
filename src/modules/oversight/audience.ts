/**
 * Whom oversight notifies: the authority side of a region (its reviewers and its security officer,
 * Sec §7, §8), the auditors (网信/公安 inspectors, Sec §6, §34 报送本级网信、公安) and a department's
 * security officer (Sec §9(一)).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Audience } from '../inbox/notify.ts';

export async function authoritySide(db: Db, regionCode: string): Promise<Audience[]> {
  const org = await db.selectFrom('org').select('id').where('region_code', '=', regionCode).where('kind', '=', 'authority').executeTakeFirst();
  return org ? [{ orgId: org.id, role: 'authority' }, { orgId: org.id, role: 'security_officer' }] : [];
}

export async function auditors(db: Db): Promise<Audience[]> {
  const users = await db.selectFrom('app_user').select('id').where('disabled', '=', false)
    .where(sql<boolean>`'auditor' = ANY(roles)`).execute();
  return users.map((u) => ({ userId: u.id }));
}

export const securityOfficerOf = (orgId: string): Audience => ({ orgId, role: 'security_officer' });

export async function orgRow(db: Db, orgId: string) {
  return db.selectFrom('org').select(['id', 'name', 'region_code', 'kind']).where('id', '=', orgId).executeTakeFirst();
}
