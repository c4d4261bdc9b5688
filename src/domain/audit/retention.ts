/**
 * Retention of the audit trail: records are kept at least six months (《网络安全法》第二十一条：留存
 * 相关的网络日志不少于六个月; security rules §17), in monthly partitions by Asia/Shanghai calendar
 * month. A month may leave the database only after it was archived to a signed file AND every record
 * in it is older than six months.
 */
export const RETENTION_MONTHS = 6;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

function parts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** Adds months to a 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The Shanghai calendar month of an instant. */
export function monthOf(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** First instant of a Shanghai month. */
export function monthStart(month: string): Date {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
}

/** [from, to) of a Shanghai month, as instants. */
export function monthBounds(month: string): { from: Date; to: Date } {
  return { from: monthStart(month), to: monthStart(addMonths(month, 1)) };
}

/** The youngest record of `month` is at least RETENTION_MONTHS old at `now`. */
export function retentionElapsed(month: string, now: Date): boolean {
  return now.getTime() >= monthStart(addMonths(month, 1 + RETENTION_MONTHS)).getTime();
}

/** Name of a month's partition of audit_record. */
export function partitionName(month: string): string {
  const [y, m] = parts(month);
  return `audit_record_y${y}m${String(m).padStart(2, '0')}`;
}
