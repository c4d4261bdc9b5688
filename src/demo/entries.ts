/**
 * The demo catalog: 19 entries of 晋城 departments, each drawn from a document of the gazette
 * (晋城市人民政府公报 2024年第2期) or, for the two basic databases, from the platform's standing needs.
 * Data + pure values only: the seeding code inserts them, rows.ts generates their rows.
 */
import { BASIC_ENTRIES } from './entries-basic.ts';
import { ECONOMY_ENTRIES } from './entries-economy.ts';
import { ENVIRONMENT_ENTRIES } from './entries-environment.ts';
import { SAFETY_ENTRIES } from './entries-safety.ts';
import { SOCIETY_ENTRIES } from './entries-society.ts';
import type { DemoEntry } from './entry-kit.ts';

export type { DemoEntry } from './entry-kit.ts';

export const DEMO_ENTRIES: readonly DemoEntry[] = [
  ...BASIC_ENTRIES,
  ...ECONOMY_ENTRIES,
  ...ENVIRONMENT_ENTRIES,
  ...SAFETY_ENTRIES,
  ...SOCIETY_ENTRIES,
];

export function entryByKey(key: string): DemoEntry {
  const e = DEMO_ENTRIES.find((x) => x.key === key);
  if (!e) throw new Error(`unknown demo entry ${key}`);
  return e;
}
