/**
 * The one place the demo reads a file: the real CSV shipped beside the code. Kept apart so the
 * generators and parsers stay pure (they take text) and tests can feed them any text.
 */
import { readFileSync } from 'node:fs';

const KEY_PROJECTS_URL = new URL('./data/jincheng-key-projects-2024.csv', import.meta.url);

let cached: string | undefined;

/** Text of data/jincheng-key-projects-2024.csv (read once). */
export function readKeyProjectsCsv(): string {
  cached ??= readFileSync(KEY_PROJECTS_URL, 'utf8');
  return cached;
}
