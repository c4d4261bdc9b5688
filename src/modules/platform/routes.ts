import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Api } from '../../http/api.ts';

export function platformRoutes(app: Api, deps: { db: Db }): void {
  app.get('/health', {
    config: { access: 'public' },
    schema: {
      tags: ['platform'],
      summary: '健康检查 / health',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), time: Type.String() }) },
    },
  }, async () => {
    await sql`SELECT 1`.execute(deps.db);
    return { status: 'ok' as const, database: 'ok' as const, time: new Date().toISOString() };
  });
}
