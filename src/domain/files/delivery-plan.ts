/**
 * How one file is delivered under a 文件 grant (§17, §39; security rules §24–§27):
 * - what of it: a structured CSV/XLSX and a table export are projected (granted items, masked, row
 *   scope); a PDF, an unstructured sheet or another file is delivered whole — the grant covers the file;
 * - how the trace mark travels in the bytes (trace.ts): CSV comment line, XLSX document properties,
 *   PDF Info dictionary; another file cannot carry one, so only its delivery record and checksum trace it;
 * - whether a visible watermark names the consumer: as the grading rule set says for the entry's grade and
 *   重要数据 mark (security rules §16; src/domain/grading watermarkRequired — grade 3 and up by default).
 * Refusals fail closed: a whole file cannot honour a row scope, and a file that cannot carry a mark
 * is not handed out at a grade that requires the watermark.
 */
import type { FileKind } from './file-kind.ts';

export type TraceCarrier = 'csv-line' | 'xlsx-properties' | 'pdf-info' | 'none';

export type DeliverySource =
  | { kind: FileKind; structured: boolean }
  | { kind: 'table'; format: 'csv' | 'xlsx' };

export type DeliveryPlan =
  | { ok: true; mode: 'project' | 'whole'; output: FileKind; trace: TraceCarrier; watermark: boolean }
  | { ok: false; code: 'ROW_SCOPE_ON_WHOLE_FILE' | 'UNMARKABLE_AT_GRADE'; zh: string; en: string };

const CARRIER: Record<FileKind, TraceCarrier> = { csv: 'csv-line', xlsx: 'xlsx-properties', pdf: 'pdf-info', other: 'none' };

export function planDelivery(source: DeliverySource, watermark: boolean, hasRowScope: boolean): DeliveryPlan {
  const output: FileKind = source.kind === 'table' ? source.format : source.kind;
  const project = source.kind === 'table' || ((source.kind === 'csv' || source.kind === 'xlsx') && source.structured);
  if (!project && hasRowScope) {
    return {
      ok: false, code: 'ROW_SCOPE_ON_WHOLE_FILE',
      zh: '该授权限定了数据行范围，而此文件只能整体提供，无法按范围交付', en: 'the grant limits the rows, but this file can only be delivered whole',
    };
  }
  if (watermark && CARRIER[output] === 'none') {
    return {
      ok: false, code: 'UNMARKABLE_AT_GRADE',
      zh: '按分级规则，该数据的文件须加水印和追溯标记，此类型文件无法加注，不予提供',
      en: 'the grading rules require a watermark and trace mark on files of this data; this type cannot bear them, so it is not delivered',
    };
  }
  return { ok: true, mode: project ? 'project' : 'whole', output, trace: CARRIER[output], watermark };
}

/** The visible watermark's words; PDF standard fonts have no CJK glyphs, so PDFs use `ascii`. */
export function watermarkText(consumer: { name: string; key: string }, deliveryId: string): { zh: string; ascii: string } {
  return {
    zh: `仅供${consumer.name}依授权使用 · 交付记录 ${deliveryId}`,
    ascii: `GDX - for ${consumer.key} only, under grant - delivery ${deliveryId}`,
  };
}
