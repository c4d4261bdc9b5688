/**
 * The files side of the demo world (§17 文件共享): 市工信局 publishes 铸造高炉产能置换方案公示 as files — a
 * small CSV whose header names the entry's data items (delivered projected to the granted items) and
 * the公示 notice as a PDF — and 市发展改革委 holds a live 文件 grant on it with its data-security
 * agreement accepted (security rules §27), so a newcomer logged in as `fgw` downloads a traced file
 * from the grant page. Everything goes through the real services.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Db } from '../db/connect.ts';
import type { UserActor } from '../domain/access/actor.ts';
import { addDays, toShanghaiDate } from '../domain/calendar/index.ts';
import { DEFAULT_FILE_MAX_BYTES, FileUploadService } from '../modules/files/uploads.ts';
import { buildServices } from '../services.ts';
import { DEMO_ENTRIES } from './entries.ts';
import { rowsFor } from './rows.ts';

/** The demo's file-mounted entry. */
export const FILE_DEMO_ENTRY = 'blast-furnace-capacity-replacement';
/** What fgw asks for: enough to plan 重点工程 around the replaced capacity. */
const GRANTED_ITEMS = ['announcement_no', 'build_project_name', 'builder_name', 'build_county', 'new_volume_m3', 'exit_volume_m3', 'replacement_kind', 'publicity_end'];
const CSV_ROWS = 12;

const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The CSV a 工信局 clerk exports: the items' Chinese labels as its header, a UTF-8 BOM for Excel. */
function publicityCsv(): Buffer {
  const items = DEMO_ENTRIES.find((e) => e.key === FILE_DEMO_ENTRY)!.body.items;
  const lines = [items.map((i) => csvField(i.label ?? i.name)).join(',')];
  for (const row of rowsFor(FILE_DEMO_ENTRY).slice(0, CSV_ROWS)) lines.push(items.map((i) => csvField(row[i.name!])).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The notice as a PDF. The standard PDF fonts carry no Chinese glyphs, so its text is English. */
async function publicityPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Jincheng foundry blast furnace capacity replacement - public notice 2024');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  const ascii = (s: unknown) => String(s ?? '').replace(/[^\x20-\x7e]/g, '').trim();
  page.drawText('Jincheng Municipal Bureau of Industry and Information Technology', { x: 50, y: 790, size: 12, font: bold });
  page.drawText('Foundry blast furnace capacity replacement - public notice (2024)', { x: 50, y: 770, size: 12, font });
  page.drawText('Replacement ratio 1.25:1 (equal replacement for hydrogen metallurgy and non-blast-furnace ironmaking).', { x: 50, y: 745, size: 9, font });
  page.drawText('Publicity period: at least 5 working days (rules art. 13).', { x: 50, y: 732, size: 9, font });
  let y = 705;
  for (const [i, row] of rowsFor(FILE_DEMO_ENTRY).slice(0, CSV_ROWS).entries()) {
    const line = `${i + 1}. new ${ascii(row.new_volume_m3)} m3 / exit ${ascii(row.exit_volume_m3)} m3, ratio ${ascii(row.ratio)}, publicity ${ascii(row.publicity_start)} - ${ascii(row.publicity_end)}`;
    page.drawText(line, { x: 50, y, size: 9, font });
    y -= 14;
  }
  return Buffer.from(await doc.save());
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

export async function seedFiles(db: Db, actorOf: (username: string) => Promise<UserActor>, ids: Map<string, string>) {
  const s = buildServices({ db, sessionHours: 8 });
  const entryId = ids.get(FILE_DEMO_ENTRY)!;
  const entry = DEMO_ENTRIES.find((e) => e.key === FILE_DEMO_ENTRY)!;
  const steward = await actorOf(entry.provider);
  // An L1 entry: its files are stored plain, so the seed needs no keyring (an L3 entry's would be encrypted).
  const uploads = new FileUploadService({ db, maxBytes: DEFAULT_FILE_MAX_BYTES });
  const files = [
    { name: '2024年铸造高炉产能置换方案公示.csv', mimetype: 'text/csv', bytes: publicityCsv() },
    { name: '2024年铸造高炉产能置换方案公示.pdf', mimetype: 'application/pdf', bytes: await publicityPdf() },
  ];
  for (const f of files) await uploads.upload(steward, entryId, { name: f.name, mimetype: f.mimetype, chunks: once(f.bytes), truncated: () => false });
  // The sharing seed mounted the entry's 前置库 table; the department now shares it by file (§17).
  await s.mounts.mount(steward, entryId, { kind: 'file' });

  const fgw = await actorOf('fgw');
  const ask = await s.requests.create(fgw, {
    entryId, items: GRANTED_ITEMS, purpose: '重点工程项目能耗与产能置换统筹调度', scenario: '重点工程项目调度会商材料编制',
    basis: '《晋城市铸造高炉产能置换实施细则》第四条：市发展改革部门共同确认置换方案', method: 'file',
    validUntil: addDays(toShanghaiDate(new Date()), 365),
  });
  // 无条件共享: the platform grants on passing the authority's review (§30(一)).
  const reviewed = await s.decisions.complianceReview(await actorOf('sjj'), ask.id, 'pass', '无条件共享，平台直接授权');
  // As in the sharing seed, fgw accepts the grant's data-security agreement (security rules §27).
  await s.agreements.accept(fgw, reviewed.grantId!);
  return { files: files.length };
}
