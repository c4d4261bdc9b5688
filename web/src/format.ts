/** Dates and times as a Chinese government page shows them (Asia/Shanghai wall clock). */
import dayjs from 'dayjs';
import { toShanghaiDate } from '../../src/domain/calendar/iso-date.ts';

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}

/** Today's date in 晋城 (Asia/Shanghai), whatever the browser's time zone: the day the server's rules count from. */
export function shanghaiToday(): string {
  return toShanghaiDate(new Date());
}
