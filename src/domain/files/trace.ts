/**
 * 交付追溯标记 (trace mark): what every delivered file carries so a leaked copy names its grant and
 * delivery (§39 使用部门…不得直接或间接改变数据形式后提供给第三方; §38 全流程审计; security rules
 * §24 确保数据使用过程…可追溯).
 *
 * One text form everywhere — a CSV comment line, XLSX document keywords, PDF Info keywords:
 *   GDX-TRACE grant=<uuid> consumer=<uuid> delivery=<uuid> at=<ISO-8601 UTC>
 * ASCII only, so the line reads the same in a UTF-8 or a GB18030 file and survives any PDF string
 * encoding. In CSV it is the first line, after `# ` (docs/api-files.md tells parsers to skip it).
 */
export interface TraceMark {
  grantId: string;
  /** The consumer department (使用部门) the file was delivered to. */
  consumerId: string;
  /** The file delivery record (file_delivery.id). */
  deliveryId: string;
  at: Date;
}

export const TRACE_TAG = 'GDX-TRACE';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TRACE_PATTERN = new RegExp(
  `${TRACE_TAG} grant=(${UUID}) consumer=(${UUID}) delivery=(${UUID}) at=(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z)`, 'i');

export function traceText(mark: TraceMark): string {
  return `${TRACE_TAG} grant=${mark.grantId} consumer=${mark.consumerId} delivery=${mark.deliveryId} at=${mark.at.toISOString()}`;
}

/** The first line of a delivered CSV, a comment by the common `#` convention. */
export function traceLine(mark: TraceMark): string {
  return `# ${traceText(mark)}`;
}

/** The mark found anywhere in `text` (a CSV's first line, a document's keywords), or undefined. */
export function parseTrace(text: string): TraceMark | undefined {
  const m = TRACE_PATTERN.exec(text);
  if (!m) return undefined;
  const at = new Date(m[4]!);
  if (!Number.isFinite(at.getTime())) return undefined;
  return { grantId: m[1]!.toLowerCase(), consumerId: m[2]!.toLowerCase(), deliveryId: m[3]!.toLowerCase(), at };
}
