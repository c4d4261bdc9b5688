/**
 * The verifier's worker-thread hashing (security rules §17) decides exactly what hashMatches decides:
 * either algorithm, a changed byte of content or link, an unnamed or malformed stored hash.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { chainHash, hashMatches, type AuditContent } from '../../domain/audit/canonical.ts';
import type { ChainRecord } from '../../domain/audit/chain-walk.ts';
import { ContentHasher } from './content-hasher.ts';

const content = (id: number): AuditContent => ({
  id, at: '2026-11-28T02:03:04.123456Z', actorType: 'user', actorId: 'u1', actorName: '张三', orgId: null, action: 'data.read',
  targetType: 'grant', targetId: `g${id}`, outcome: 'success', ip: '10.0.0.1', requestId: null, detail: `{"note": "行\\n${id}"}`,
});
const sealed = (id: number, alg: 'sm3' | 'sha256', prev: string | null): ChainRecord => ({ ...content(id), seq: id, prevHash: prev, hash: chainHash(alg, prev, content(id)) });

describe('content hasher (worker thread)', () => {
  const hasher = new ContentHasher();
  after(() => hasher.close());

  it('agrees with hashMatches on good and bad records', async () => {
    const good = [sealed(1, 'sm3', null), sealed(2, 'sha256', 'sm3:ab'), sealed(3, 'sm3', 'x')];
    const bad: ChainRecord[] = [
      { ...good[0]!, detail: '{"note": "改"}' }, // content changed
      { ...good[1]!, prevHash: 'sm3:ac' }, // link changed
      { ...good[2]!, hash: good[2]!.hash.replace('sm3:', 'md5:') }, // unnamed algorithm
      { ...good[0]!, hash: `${good[0]!.hash}0` }, // too long
      { ...good[0]!, hash: `sm3:${good[0]!.hash.slice(5)}` }, // too short
      { ...good[1]!, hash: good[1]!.hash.replace('sha256:', 'sm3:') }, // right digest, wrong algorithm named
    ];
    const all = [...good, ...bad];
    assert.deepEqual(await hasher.check(all), all.map((r) => hashMatches(r.prevHash, r, r.hash)));
    assert.deepEqual(await hasher.check(all), [true, true, true, false, false, false, false, false, false]);
    assert.deepEqual(await hasher.check([]), []);
  });
});
