/**
 * The audit trail (§38 全流程审计, security rules §17). A record is written with the same
 * transaction handle as the change it describes, so a change and its record commit or roll back
 * together. Denials and failures are recorded too (outside the failed transaction).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/access/actor.ts';
import type { Database } from '../../db/schema.ts';

export type Outcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: Outcome;
  detail?: Record<string, unknown>;
}

/** Who did it, for records made before anyone is authenticated (a failed login). */
export interface AnonymousCaller {
  type: 'anonymous';
  name?: string;
  /** The department of the account the attempt named, so its security officer sees attacks on it. */
  orgId?: string;
  ip?: string;
  requestId?: string;
}

export async function recordAudit(
  db: Kysely<Database>,
  who: Actor | AnonymousCaller,
  event: AuditEvent,
): Promise<void> {
  await db
    .insertInto('audit_record')
    .values({
      actor_type: who.type,
      actor_id: who.type === 'user' ? who.userId : null,
      actor_name: who.type === 'user' ? who.username : who.type === 'system' ? who.name : (who.name ?? null),
      org_id: who.type === 'user' ? who.orgId : who.type === 'anonymous' ? (who.orgId ?? null) : null,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      outcome: event.outcome ?? 'success',
      ip: who.type === 'user' || who.type === 'anonymous' ? (who.ip ?? null) : null,
      request_id: who.requestId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}
