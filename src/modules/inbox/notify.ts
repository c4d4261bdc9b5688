/**
 * Notifications (站内通知): written in the same transaction as the step that calls for someone's
 * action, addressed to the users of a department who hold the role that acts. An outbound channel
 * (a city's messaging system, by webhook) is attached through `Outbound`: it is told, inside the
 * same transaction, which notifications to deliver, so none is lost or sent for a rolled-back step.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Role } from '../../domain/access/roles.ts';

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  /** Path in the web app, e.g. /requests/{id}. */
  link?: string;
}

export type Audience = { orgId: string; role: Role } | { userId: string };

export interface Outbound {
  enqueue(tx: Db, notificationIds: number[]): Promise<void>;
}

export async function notify(tx: Db, audience: Audience | Audience[], notice: Notice, outbound?: Outbound): Promise<number> {
  const audiences = Array.isArray(audience) ? audience : [audience];
  const userIds = new Set<string>();
  for (const a of audiences) {
    if ('userId' in a) {
      userIds.add(a.userId);
      continue;
    }
    const users = await tx.selectFrom('app_user').select('id')
      .where('org_id', '=', a.orgId).where('disabled', '=', false)
      .where(sql<boolean>`${a.role} = ANY(roles)`)
      .execute();
    for (const u of users) userIds.add(u.id);
  }
  if (userIds.size === 0) return 0;
  const rows = await tx.insertInto('notification')
    .values([...userIds].map((user_id) => ({ user_id, kind: notice.kind, title: notice.title, body: notice.body ?? '', link: notice.link ?? null })))
    .returning('id').execute();
  if (outbound) await outbound.enqueue(tx, rows.map((r) => r.id));
  return rows.length;
}
