/** Placeholder until the demo world lands: seeds nothing. */
import type { Db } from '../db/connect.ts';
export async function seedDemoIfEmpty(_db: Db, _opts: { password?: string; log: { info(o: object, m?: string): void } }) {
  return { seeded: false, passwordGiven: false, users: [] as { username: string; password: string; description: string }[] };
}
