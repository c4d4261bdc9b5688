/**
 * 文件方式交付 (§17, §38–§39; security rules §24–§27) — the one choke point every file download
 * passes, for consumer apps (signed calls) and for users of the consumer department (web) alike:
 * a live 文件 grant of the downloader's department, its data-security agreement accepted, then
 * - a TABLE-mounted entry: an export of the mounted table (CSV or XLSX) — granted items only, masked,
 *   inside the grant's row scope (in SQL), streamed page by page;
 * - a FILE-mounted entry: a current file — a structured CSV/XLSX projected and masked like a table, a
 *   PDF or other file whole (delivery-plan.ts decides, and refuses what cannot be delivered safely);
 * every delivered file carrying the trace mark and, where the grading rules ask, a watermark; one delivery record
 * before the first byte and one access record with the delivered bytes' checksum after the last.
 * A consumer app's download is held to the app's data-API limits (§38 接口访问安全; docs/api-files.md):
 * the per-second rate on every authenticated download, one unit of the daily quota once it passes
 * every check — 429 with Retry-After over either, recorded like any refusal.
 */
import { Readable } from 'node:stream';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import type { CatalogEntryBody, Grade } from '../../domain/catalog/types.ts';
import { planDelivery, watermarkText, type DeliverySource } from '../../domain/files/delivery-plan.ts';
import { watermarkRequired, type GradingRuleSet } from '../../domain/grading/index.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import { asCell } from '../../domain/files/header-projection.ts';
import { traceText } from '../../domain/files/trace.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { effectiveMasking, projectAndMask, type MaskableItem } from '../../domain/policy/row-policy.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { AppService } from '../delivery/apps.ts';
import { CallLimits } from '../delivery/call-limits.ts';
import { FrontDbs } from '../delivery/front-db.ts';
import { grantRowScope } from '../delivery/row-scope-sql.ts';
import { authenticateCall, type SignedCall } from '../delivery/signed-call.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import { assertAgreementAccepted } from '../sharing/agreements.ts';
import { fileGrantByCode, fileGrantForUser, type FileGrant } from './grant-access.ts';
import { beginDelivery, completeDelivery, hashed, recordRefusal, type QuotaUse, type Recipient } from './records.ts';
import { csvOutput, csvWholeOutput, markPdf, xlsxOutput, type Counter, type Marks, type OutSheet } from './render.ts';
import { mapBatches, projectedSheets } from './projected-sheets.ts';
import { csvRecords, tableRows, xlsxSheets, type TableMount } from './sources.ts';
import { currentFiles, readChunks, type StoredFile } from './store.ts';

export type FileRef = { export: 'csv' | 'xlsx' } | { file: string };

export interface Delivery {
  filename: string;
  asciiFilename: string;
  contentType: string;
  deliveryId: string;
  trace: string;
  body: Readable;
}

export interface Downloadables {
  grantId: string;
  entry: { id: string; code: string | null; name: string; grade: number };
  mountKind: 'table' | 'api' | 'file' | null;
  watermark: boolean;
  files: Array<{
    id: string; name: string; version: number; kind: string; mediaType: string; bytes: number; uploadedAt: string; structured: boolean;
    deliverable: boolean; refusal?: { code: string; zh: string; en: string };
  }>;
  exports: Array<'csv' | 'xlsx'>;
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FileDeliveryService {
  private readonly front: FrontDbs;
  /** Apps' data-API rate and quota as taken by downloads: the rate kept in this process, the quota shared in the database. */
  private readonly limits: CallLimits;

  constructor(private readonly deps: {
    db: Db; apps: AppService; platformKey: PlatformKey; frontDbs?: FrontDbs; now?: () => Date;
    onError?: (err: unknown) => void;
  }) {
    this.front = deps.frontDbs ?? new FrontDbs({ db: deps.db, platformKey: deps.platformKey });
    this.limits = new CallLimits({ db: deps.db, now: () => this.now() });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async listForApp(call: SignedCall, code: string): Promise<Downloadables> {
    const app = await authenticateCall({ apps: this.deps.apps, now: () => this.now() }, this.deps.db, call);
    return this.listing(await fileGrantByCode(this.deps.db, code, app.org_id, this.now()));
  }

  async listForUser(actor: UserActor, grantId: string): Promise<Downloadables> {
    return this.listing(await fileGrantForUser(this.deps.db, actor, grantId, this.now()));
  }

  async downloadForApp(call: SignedCall, code: string, ref: FileRef): Promise<Delivery> {
    const started = Date.now();
    const who: Recipient = { ip: call.ip, requestId: call.requestId };
    const facts: { grantId?: string; entryId?: string; quota?: QuotaUse } = {};
    try {
      const app = await authenticateCall({ apps: this.deps.apps, now: () => this.now() }, this.deps.db, call);
      Object.assign(who, { appId: app.id, appKey: app.app_key, orgId: app.org_id });
      this.limits.checkRate(app.id, 'api', app.limits.perSecond);
      const g = await fileGrantByCode(this.deps.db, code, app.org_id, this.now());
      Object.assign(facts, { grantId: g.grant.id, entryId: g.entry.id });
      return await this.deliver(g, who, ref, started, async () => {
        facts.quota = { appId: app.id, units: 1, day: await this.limits.consume(app.id, 'api', 1, app.limits.perDay) };
        return facts.quota;
      });
    } catch (err) {
      await recordRefusal(this.deps.db, who, facts, err, started);
      throw err;
    }
  }

  async downloadForUser(actor: UserActor, grantId: string, ref: FileRef): Promise<Delivery> {
    const started = Date.now();
    const who: Recipient = { userId: actor.userId, orgId: actor.orgId, ip: actor.ip ?? '', requestId: actor.requestId ?? '' };
    try {
      return await this.deliver(await fileGrantForUser(this.deps.db, actor, grantId, this.now()), who, ref, started);
    } catch (err) {
      await recordRefusal(this.deps.db, who, UUID.test(grantId) ? { grantId } : {}, err, started);
      throw err;
    }
  }

  private async listing(g: FileGrant): Promise<Downloadables> {
    await assertAgreementAccepted(this.deps.db, g.grant.id);
    const scoped = grantRowScope(g.grant.conditions, g.entry.items as CatalogEntryBody['items']).length > 0;
    const files = g.mount?.kind === 'file' ? await currentFiles(this.deps.db, g.entry.id) : [];
    const watermark = this.watermarkFor(g, await currentGradingRules(this.deps.db));
    return {
      grantId: g.grant.id,
      entry: { id: g.entry.id, code: g.entry.code, name: g.entry.name, grade: g.entry.grade },
      mountKind: g.mount?.kind ?? null,
      watermark,
      files: files.map((f) => {
        const plan = planDelivery({ kind: f.kind, structured: f.structured }, watermark, scoped);
        return {
          id: f.id, name: f.name, version: f.version, kind: f.kind, mediaType: f.mediaType, bytes: f.bytes, uploadedAt: f.uploadedAt,
          structured: f.structured, deliverable: plan.ok, ...(plan.ok ? {} : { refusal: { code: plan.code, zh: plan.zh, en: plan.en } }),
        };
      }),
      exports: g.mount?.kind === 'table' ? ['csv', 'xlsx'] : [],
    };
  }

  /** Whether the rule set in force asks for a visible watermark on this entry's files (security rules §16). */
  private watermarkFor(g: FileGrant, rules: GradingRuleSet): boolean {
    return watermarkRequired(g.entry.grade as Grade, rules, { important: g.entry.important });
  }

  /** The source named by the reference: the table export, or a current file by id or name. */
  private async resolve(g: FileGrant, ref: FileRef): Promise<{ source: DeliverySource; file?: StoredFile }> {
    if ('export' in ref) {
      if (g.mount?.kind !== 'table') throw notFound('可导出的库表', 'exportable table');
      return { source: { kind: 'table', format: ref.export } };
    }
    const files = g.mount?.kind === 'file' ? await currentFiles(this.deps.db, g.entry.id) : [];
    const file = files.find((f) => (UUID.test(ref.file) ? f.id === ref.file.toLowerCase() : f.name === ref.file));
    if (!file) throw notFound('文件', 'file');
    return { source: { kind: file.kind, structured: file.structured }, file };
  }

  /**
   * `takeQuota` (consumer apps) takes the download's unit of the app's daily quota, once every check
   * has passed and before anything is read; the unit is counted as used with the access record.
   */
  private async deliver(g: FileGrant, who: Recipient, ref: FileRef, started: number, takeQuota?: () => Promise<QuotaUse>): Promise<Delivery> {
    const { db } = this.deps;
    await assertAgreementAccepted(db, g.grant.id);
    // Typed by the entry's items, so a scope on a number or date compares as one (not as text).
    const scope = grantRowScope(g.grant.conditions, g.entry.items as CatalogEntryBody['items']);
    const { source, file } = await this.resolve(g, ref);
    // One read of the rule set in force for the watermark and the default masking of this delivery (security rules §16).
    const rules = await currentGradingRules(db);
    const plan = planDelivery(source, this.watermarkFor(g, rules), scope.length > 0);
    if (!plan.ok) throw forbidden(plan.code, plan.zh, plan.en);
    const quota = await takeQuota?.();
    const conditions = g.grant.conditions as { masking?: Record<string, string> } | null;
    const { masking } = effectiveMasking(g.entry.items as MaskableItem[], rules, conditions?.masking);
    const salt = deriveGrantSalt(this.deps.platformKey.key, g.grant.id);
    const at = this.now();
    const deliveryId = await beginDelivery(db, who, {
      grantId: g.grant.id, entryId: g.entry.id, consumerId: g.consumer.id, fileId: file?.id ?? null,
      exportFormat: 'export' in ref ? ref.export : null, mode: plan.mode, watermark: plan.watermark,
    }, at);
    const marks: Marks = {
      trace: traceText({ grantId: g.grant.id, consumerId: g.consumer.id, deliveryId, at }), title: g.entry.name,
      ...(plan.watermark ? { watermark: watermarkText(g.consumer, deliveryId) } : {}),
    };
    const counter: Counter = { rows: 0 };
    const granted = g.grant.items.filter((i) => masking.has(i));
    // A projected file's items are known once its sheets' headers are read, before the record is written.
    let itemsDelivered = () => granted;
    let bytes: AsyncIterable<Buffer>;
    if (!file) {
      const endpoint = await this.front.forEntry(g.entry.id);
      const rows = mapBatches(tableRows(endpoint.db, g.mount!.config as TableMount, granted, scope),
        (batch) => batch.map((r) => { const m = projectAndMask(r, granted, masking, salt); return granted.map((i) => asCell(m[i])); }));
      bytes = plan.output === 'csv' ? csvOutput(marks, granted, rows, counter)
        : xlsxOutput(marks, one({ name: g.entry.name, header: granted, rows }), counter);
    } else if (plan.mode === 'project') {
      const delivered = new Set<string>();
      itemsDelivered = () => granted.filter((i) => delivered.has(i));
      const policy = { items: g.entry.items.map((i) => ({ name: i.name!, ...(i.label ? { label: i.label } : {}) })), granted, scope, masking, salt };
      const chunks = readChunks(db, file, this.deps.platformKey);
      bytes = file.kind === 'csv'
        ? csvOfFirst(marks, projectedSheets(one({ name: file.name, rows: csvRecords(chunks, file.encoding ?? 'utf-8') }), policy, delivered), counter)
        : xlsxOutput(marks, projectedSheets(xlsxSheets(chunks), policy, delivered), counter);
    } else if (file.kind === 'csv') {
      bytes = csvWholeOutput(marks, readChunks(db, file, this.deps.platformKey), file.encoding !== 'gb18030');
    } else if (file.kind === 'xlsx') {
      bytes = xlsxOutput(marks, xlsxSheets(readChunks(db, file, this.deps.platformKey)), counter);
    } else if (file.kind === 'pdf') {
      bytes = one(await markPdf(await collect(readChunks(db, file, this.deps.platformKey)), marks));
    } else {
      bytes = readChunks(db, file, this.deps.platformKey);
    }
    const onEnd = (r: { complete: boolean; bytes: number; sha256: string | null }) => completeDelivery(db, who, {
      deliveryId, grantId: g.grant.id, entryId: g.entry.id, items: itemsDelivered(), rows: counter.rows, bytes: r.bytes, sha256: r.sha256,
      complete: r.complete, started, at: this.now(), ...(quota ? { quota } : {}),
    }).catch((err) => this.deps.onError?.(err));
    const name = file?.name ?? `${g.entry.name}.${plan.output}`;
    return {
      filename: name, asciiFilename: asciiName(name, plan.output), deliveryId, trace: marks.trace,
      contentType: plan.output === 'other' ? file!.mediaType : CONTENT_TYPES[plan.output],
      body: Readable.from(hashed(bytes, onEnd), { objectMode: false }),
    };
  }
}

async function* one<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** A CSV from the first (a CSV's only) projected sheet. */
async function* csvOfFirst(marks: Marks, sheets: AsyncIterable<OutSheet>, counter: Counter): AsyncGenerator<Buffer> {
  for await (const sheet of sheets) {
    yield* csvOutput(marks, sheet.header ?? [], sheet.rows, counter);
    return;
  }
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** An ASCII file name for old clients (RFC 6266 filename=); the UTF-8 name goes in filename*. */
function asciiName(name: string, ext: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim();
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[A-Za-z0-9]+$/, '')) ? ascii : `gdx-delivery.${ext === 'other' ? 'bin' : ext}`;
}
