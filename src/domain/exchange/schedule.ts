/**
 * When a synced table is due again: by the entry's 更新周期 (update frequency, §9, §18 明确更新周期),
 * so the consumer's copy is as fresh as the provider promises and no fresher work is done. A
 * realtime entry is synced every 15 minutes (table exchange is for data to be 治理、关联、分析, §17;
 * changes that cannot wait go by API); an irregular one daily, since nobody knows when it changes.
 * Pure.
 */
import type { UpdateCycle } from '../catalog/types.ts';

const DAY = 86_400;

export const SYNC_PERIOD_SECONDS: Record<UpdateCycle, number> = {
  realtime: 15 * 60,
  daily: DAY,
  weekly: 7 * DAY,
  monthly: 30 * DAY,
  quarterly: 91 * DAY,
  halfyearly: 182 * DAY,
  yearly: 365 * DAY,
  irregular: DAY,
};

/** Never synced → due now; otherwise one period after the last successful run started. */
export function nextSyncAt(lastSuccessAt: Date | null, cycle: UpdateCycle): Date | null {
  return lastSuccessAt ? new Date(lastSuccessAt.getTime() + SYNC_PERIOD_SECONDS[cycle] * 1000) : null;
}

export function syncDue(lastSuccessAt: Date | null, cycle: UpdateCycle, now: Date): boolean {
  const next = nextSyncAt(lastSuccessAt, cycle);
  return next === null || next.getTime() <= now.getTime();
}
