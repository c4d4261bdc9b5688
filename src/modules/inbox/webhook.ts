/**
 * The pluggable outbound channel: notifications are POSTed as JSON to the city's messaging system
 * (GDX_WEBHOOK_URL). Enqueued in the transaction that wrote them, delivered by the job queue with
 * retries and backoff — at least once, so the receiver deduplicates by notification id.
 */
import type { Db } from '../../db/connect.ts';
import { enqueueJob } from '../../db/jobs.ts';
import type { Outbound } from './notify.ts';

export const WEBHOOK_JOB = 'webhook.deliver';

export const webhookOutbound: Outbound = {
  async enqueue(tx: Db, notificationIds: number[]) {
    await enqueueJob(tx, { kind: WEBHOOK_JOB, payload: { ids: notificationIds }, maxAttempts: 8 });
  },
};

export async function deliverWebhook(db: Db, url: string, payload: unknown, timeoutMs = 10_000): Promise<void> {
  const ids = (payload as { ids?: unknown }).ids;
  if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i))) throw new Error('webhook job without notification ids');
  const rows = await db.selectFrom('notification as n').innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.kind', 'n.title', 'n.body', 'n.link', 'n.created_at', 'u.username', 'u.display_name'])
    .where('n.id', 'in', ids as number[]).orderBy('n.id').execute();
  if (rows.length === 0) return;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'gdx',
      notifications: rows.map((r) => ({
        id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at.toISOString(),
        recipient: { username: r.username, displayName: r.display_name },
      })),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Say what the receiver answered, never echo its body (it could hold anything).
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}
