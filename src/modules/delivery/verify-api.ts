/**
 * 数据核验 over the API (§22; issue 4): under a live grant with the 核验 method, the consumer sends
 * key values and the values it holds, and learns per record and field whether they match — never
 * the stored value. Keys and values are bound parameters; one access record per batch. A key is
 * looked up as it is matched (verification.ts: 身份证号 and 统一社会信用代码 case-folded, every other key
 * exactly), with the column bare or upper-cased so an index on it or on upper(it) serves the lookup;
 * the verdict then compares normalised values.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { checkBatch, keyLookupValues, keyOf, verdicts, verificationKeys, type RecordVerdict, type VerificationKey } from '../../domain/delivery/verification.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import type { AppService } from './apps.ts';
import type { FrontDbs } from './front-db.ts';
import { AccessWriter } from './access-writer.ts';
import { CallLimits } from './call-limits.ts';
import { EntryBodies } from './granted-resource.ts';
import { grantRowScope, rowScopeSql } from './row-scope-sql.ts';
import { authorizeCall, recordCall, recordRefusal, takeQuota, type CallFacts, type Gate, type SignedCall } from './signed-call.ts';

export class VerifyService {
  /** Verification has its own rate, quota (in records) and record writer, apart from the data API's. */
  private readonly gate: Gate;

  constructor(private readonly deps: { db: Db; apps: AppService; fronts: FrontDbs; now?: () => Date }) {
    const now = () => this.now();
    this.gate = { apps: deps.apps, now, limits: new CallLimits({ db: deps.db, now }), bodies: new EntryBodies(), writer: new AccessWriter(deps.db) };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async verify(call: SignedCall, code: string): Promise<{ results: RecordVerdict[]; grantId: string }> {
    const { db } = this.deps;
    const started = Date.now();
    const seen: CallFacts = {};
    try {
      const { entry, grant, limits } = await authorizeCall(this.gate, db, call, code, 'verify', seen);
      const body = entry.body;
      const keyItems = verificationKeys(body.items);
      const keys = keyItems.map((k) => k.name);
      if (keys.length === 0 || !keys.every((k) => grant.items.includes(k))) {
        throw new AppError(409, 'VERIFY_KEYS_NOT_GRANTED', '授权未包含比对键，无法核验', 'the grant does not include the key items needed to verify');
      }
      const records = recordsOf(call.body);
      const problems = checkBatch(records, keys, grant.items.filter((i) => !keys.includes(i)));
      if (problems.length) {
        throw badRequest('VERIFY_INVALID', problems[0]!.zh, problems[0]!.en, problems.slice(0, 100).map((p) => ({ ...p, field: `body.${p.field}` })));
      }
      const batch = records as Record<string, unknown>[];
      // The daily quota counts records: each one checked tells the caller something about a value (§22).
      await takeQuota(this.gate, 'verify', seen, limits, batch.length);
      const mount = entry.config as unknown as { schema: string; table: string; columns: Record<string, string> };
      const col = (item: string) => sql.ref(mount.columns[item] ?? item);
      const asked = [...new Set(batch.flatMap((r) => Object.keys(r)))];
      const keyTest = (k: VerificationKey) => {
        const values = sql`CAST(${keyLookupValues(batch, k)} AS text[])`;
        return k.matching === 'folded' ? sql`upper(CAST(${col(k.name)} AS text)) = ANY(${values})` : sql`CAST(${col(k.name)} AS text) = ANY(${values})`;
      };
      // Only rows inside the grant's row scope can be found: outside it a record is "not found",
      // never a mismatch, which would tell the caller the record exists (§27, §39).
      const scope = grantRowScope(grant.conditions, body.items);
      // The mount's 前置库: the platform's own database, or the server its sealed URL names.
      const front = await this.deps.fronts.endpoint(`mount:${entry.id}`, entry.connection_sealed);
      const rows = await sql<Record<string, unknown>>`SELECT ${sql.join(asked.map((i) => sql`${col(i)}::text AS ${sql.ref(i)}`))}
        FROM ${sql.table(`${mount.schema}.${mount.table}`)}
        WHERE ${sql.join(keyItems.map(keyTest), sql` AND `)}
          AND ${rowScopeSql(scope, col)}`.execute(front.db);
      const stored = new Map(rows.rows.map((r) => [keyOf(r, keyItems), r]));
      const results = verdicts(batch, keyItems, stored);
      await recordCall(this.gate, 'verify', call, seen, { outcome: 'success', status: 200, items: asked, rows: batch.length, bytes: call.body?.length ?? 0, started });
      return { results, grantId: grant.id };
    } catch (err) {
      await recordRefusal(this.gate, 'verify', call, seen, err, started);
      throw err;
    }
  }
}

/**
 * The `records` of a body read as UTF-8 JSON — strictly: bytes in another encoding (GBK) would be
 * read as U+FFFD and every name checked would be a silent mismatch.
 */
function recordsOf(body: Buffer | undefined): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body ?? Buffer.alloc(0));
  } catch {
    throw badRequest('BODY_NOT_UTF8', '请求体须为 UTF-8 编码（不能是 GBK 等其他编码）', 'the request body must be UTF-8 (not GBK or another encoding)');
  }
  try {
    return (JSON.parse(text) as { records?: unknown } | null)?.records;
  } catch {
    throw badRequest('MALFORMED_BODY', '请求体须为 JSON：{"records":[…]}', 'the request body must be JSON: {"records":[…]}');
  }
}
