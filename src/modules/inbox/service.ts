/** The user's inbox: what needs their action, newest first, with the unread count. */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { badRequest, notFound } from '../../http/errors.ts';

export class InboxService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  async list(actor: UserActor, q: { unread?: boolean; limit?: number; cursor?: string }) {
    const { db } = this.deps;
    const limit = q.limit ?? 30;
    let query = db.selectFrom('notification').selectAll().where('user_id', '=', actor.userId).orderBy('id', 'desc').limit(limit + 1);
    if (q.unread) query = query.where('read_at', 'is', null);
    if (q.cursor) {
      const before = Number(q.cursor);
      if (!Number.isInteger(before) || before < 1) throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
      query = query.where('id', '<', before);
    }
    const rows = await query.execute();
    const counts = await db.selectFrom('notification')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('read_at').as('read')])
      .where('user_id', '=', actor.userId).executeTakeFirstOrThrow();
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link,
      createdAt: r.created_at.toISOString(), readAt: r.read_at ? r.read_at.toISOString() : null,
    }));
    return {
      items, total: Number(counts.total), unread: Number(counts.total) - Number(counts.read),
      ...(rows.length > limit ? { nextCursor: String(items[items.length - 1]!.id) } : {}),
    };
  }

  async markRead(actor: UserActor, id: number): Promise<void> {
    const r = await this.deps.db.updateTable('notification').set({ read_at: this.deps.now?.() ?? new Date() })
      .where('id', '=', id).where('user_id', '=', actor.userId).where('read_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      const exists = await this.deps.db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
      if (!exists) throw notFound('通知', 'notification');
    }
  }

  async markAllRead(actor: UserActor): Promise<number> {
    const r = await this.deps.db.updateTable('notification').set({ read_at: this.deps.now?.() ?? new Date() })
      .where('user_id', '=', actor.userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
