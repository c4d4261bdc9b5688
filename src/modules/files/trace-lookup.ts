/**
 * 追溯 (§40 收回授权, §43(六)(七) 未经许可的扩散, security rules §24 可追溯, §34 泄露事件): the authority
 * holds a leaked copy of a delivered file and asks which grant and delivery it came from. The trace
 * mark is read from where delivery put it (CSV first line, XLSX document properties, PDF Keywords);
 * the copy's SHA-256 is matched against the checksums of delivered bytes, which also finds files
 * delivered without a mark ("other" files — every delivery of them has the same bytes).
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type Actor, type UserActor } from '../../domain/access/actor.ts';
import type { TraceCarrier } from '../../domain/files/delivery-plan.ts';
import { headMatchesKind } from '../../domain/files/file-kind.ts';
import { HEADER_SEARCH_ROWS } from '../../domain/files/header-projection.ts';
import { parseTrace, type TraceMark } from '../../domain/files/trace.ts';
import { recordAudit } from '../audit/store.ts';

export interface TracedDelivery {
  id: string;
  at: string;
  grantId: string;
  consumerId: string;
  consumerName: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  fileName: string | null;
  exportFormat: string | null;
  recipient: string | null;
  outcome: string;
  accessRecordId: number | null;
  /** The copy is byte for byte what was delivered. */
  intact: boolean;
  /** The mark names this delivery and agrees with its grant and consumer. */
  markMatches: boolean;
}

export interface TraceFinding {
  sha256: string;
  carrier: TraceCarrier;
  mark: (Omit<TraceMark, 'at'> & { at: string }) | null;
  deliveries: TracedDelivery[];
}

/** The mark inside the bytes, wherever this kind of file carries it. */
export async function readTrace(bytes: Buffer): Promise<{ carrier: TraceCarrier; mark?: TraceMark }> {
  if (headMatchesKind('pdf', bytes)) {
    try {
      const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
      const mark = parseTrace([doc.getKeywords(), doc.getSubject(), doc.getTitle()].filter(Boolean).join('\n'));
      return { carrier: 'pdf-info', ...(mark ? { mark } : {}) };
    } catch {
      return { carrier: 'pdf-info' };
    }
  }
  if (headMatchesKind('xlsx', bytes)) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const mark = parseTrace([wb.keywords, wb.description, wb.subject].filter(Boolean).join('\n'));
      if (mark) return { carrier: 'xlsx-properties', mark };
      // A delivered CSV opened in Excel and saved as a workbook: its trace line became a cell near the top.
      const line = parseTrace(leadingCellsText(wb));
      return line ? { carrier: 'csv-line', mark: line } : { carrier: 'xlsx-properties' };
    } catch {
      return { carrier: 'xlsx-properties' };
    }
  }
  const mark = parseTrace(new TextDecoder('utf-8').decode(bytes.subarray(0, 64 * 1024)));
  return { carrier: mark ? 'csv-line' : 'none', ...(mark ? { mark } : {}) };
}

/** The text of the leading rows of every sheet, where a CSV's comment lines land when Excel re-saves it. */
function leadingCellsText(wb: ExcelJS.Workbook): string {
  const texts: string[] = [];
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS); r++) {
      ws.getRow(r).eachCell((cell) => texts.push(cell.text));
    }
  }
  return texts.join('\n');
}

export async function lookupTrace(db: Db, bytes: Buffer): Promise<TraceFinding & { regions: string[] }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { carrier, mark } = await readTrace(bytes);
  const rows = (await sql<{
    id: string; started_at: Date; grant_id: string; consumer_id: string; consumer_name: string; entry_id: string; entry_name: string;
    code: string | null; region_code: string; file_name: string | null; export_format: string | null; outcome: string; sha256: string | null;
    access_record_id: number | null; app_name: string | null; user_name: string | null;
  }>`SELECT d.id, d.started_at, d.grant_id, d.consumer_id, c.name AS consumer_name, d.entry_id, e.name AS entry_name, e.code, e.region_code,
        f.name AS file_name, d.export_format, d.outcome, d.sha256, d.access_record_id, a.name AS app_name, u.display_name AS user_name
      FROM file_delivery d
      JOIN org c ON c.id = d.consumer_id
      JOIN catalog_entry e ON e.id = d.entry_id
      LEFT JOIN entry_file f ON f.id = d.file_id
      LEFT JOIN consumer_app a ON a.id = d.app_id
      LEFT JOIN app_user u ON u.id = d.user_id
     WHERE d.id = ${mark?.deliveryId ?? null}::uuid OR d.sha256 = ${sha256}
     ORDER BY d.started_at DESC LIMIT 100`.execute(db)).rows;
  return {
    sha256, carrier, mark: mark ? { ...mark, at: mark.at.toISOString() } : null, regions: rows.map((r) => r.region_code),
    deliveries: rows.map((r) => ({
      id: r.id, at: r.started_at.toISOString(), grantId: r.grant_id, consumerId: r.consumer_id, consumerName: r.consumer_name,
      entryId: r.entry_id, entryName: r.entry_name, entryCode: r.code, fileName: r.file_name, exportFormat: r.export_format,
      recipient: r.app_name ?? r.user_name, outcome: r.outcome, accessRecordId: r.access_record_id, intact: r.sha256 === sha256,
      markMatches: !!mark && mark.deliveryId === r.id && mark.grantId === r.grant_id && mark.consumerId === r.consumer_id,
    })),
  };
}

export class TraceService {
  constructor(private readonly deps: { db: Db }) {}

  /** For the authority (its region's entries; the city's sees all) and auditors; every lookup is audited. */
  async lookup(actor: UserActor | Actor, bytes: Buffer): Promise<TraceFinding> {
    const found = await lookupTrace(this.deps.db, bytes);
    const { regions, ...finding } = found;
    const sees = (i: number) => actor.type === 'system' || actor.roles.includes('auditor') || authorityCovers(actor, regions[i]!);
    const result = { ...finding, deliveries: finding.deliveries.filter((_, i) => sees(i)) };
    await recordAudit(this.deps.db, actor, {
      action: 'file.trace', targetType: 'file_delivery', ...(result.deliveries[0] ? { targetId: result.deliveries[0].id } : {}),
      detail: { sha256: result.sha256, carrier: result.carrier, mark: result.mark, found: result.deliveries.map((d) => d.id) },
    });
    return result;
  }
}
