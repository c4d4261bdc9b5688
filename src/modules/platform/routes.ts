import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { notFound } from '../../http/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { Api } from '../../http/api.ts';

const DOCS_DIR = new URL('../../../docs/', import.meta.url);

/**
 * The developer documents (docs/*.md: signing, the data, exchange and files APIs) served as they are
 * in the repository, so the web app can link an integrator to them — a department's developer has the
 * platform's address, not its source. Only the names present at start are served.
 */
const DOCS = new Set(readdirSync(DOCS_DIR).filter((name) => /^[a-z0-9-]+\.md$/.test(name)));

export function platformRoutes(app: Api, deps: { db: Db }): void {
  app.get('/docs/:name', {
    config: { access: 'public' },
    schema: {
      tags: ['platform'],
      summary: '开发文档 / developer documents (Markdown): signing.md, api-sharing.md, api-exchange.md, api-files.md, …',
      security: [],
      params: Type.Object({ name: Type.String({ maxLength: 64 }) }),
    },
  }, async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!DOCS.has(name)) throw notFound(`文档 ${name}`, `document ${name}`);
    return reply.type('text/markdown; charset=utf-8').send(await readFile(new URL(name, DOCS_DIR)));
  });

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
