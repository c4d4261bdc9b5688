/**
 * The verifier's page check (security rules §17) decides exactly what hashMatches decides: either
 * algorithm, a changed byte of content or link, an unnamed or malformed stored hash — and keeps the
 * links the walker needs, in order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainHash, hashMatches, type AuditContent } from './canonical.ts';
import type { ChainRecord } from './chain-walk.ts';
import { checkCopyBlock, pageLinks } from './page-check.ts';
import { AT_US, copyBlock } from './test-kit.ts';

const content = (id: number): AuditContent => ({
  id, at: '2026-11-28T02:03:04.123456Z', actorType: 'user', actorId: 'u1', actorName: '张三', orgId: null, action: 'data.read',
  targetType: 'grant', targetId: `g${id}`, outcome: 'success', ip: '10.0.0.1', requestId: null, detail: `{"note": "行\\n${id}"}`,
});
const sealed = (id: number, alg: 'sm3' | 'sha256', prev: string | null): ChainRecord => ({ ...content(id), seq: id, prevHash: prev, hash: chainHash(alg, prev, content(id)) });

describe('audit page check', () => {
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

  it('agrees with hashMatches on good and bad records', () => {
    const page = checkCopyBlock(copyBlock(all));
    assert.deepEqual([...page.ok].map(Boolean), all.map((r) => hashMatches(r.prevHash, r, r.hash)));
    assert.deepEqual([...page.ok], [1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('hands the walker every link in order, with its verdict', () => {
    const links = [...pageLinks(checkCopyBlock(copyBlock(all)))];
    assert.deepEqual(links.map(([l]) => l), all.map((r) => ({ seq: r.seq, id: r.id, prevHash: r.prevHash, hash: r.hash })));
    assert.deepEqual(links.map(([, ok]) => ok), [true, true, true, false, false, false, false, false, false]);
  });

  it('reads COPY text escapes back to the exact content (a tab, a newline, a backslash, NULL)', () => {
    const odd = { ...content(7), actorName: '张\t三\\', detail: '{"note": "第一行\n第二行"}', ip: null };
    const r: ChainRecord = { ...odd, seq: 7, prevHash: 'sm3:00', hash: chainHash('sm3', 'sm3:00', odd) };
    assert.deepEqual([...checkCopyBlock(copyBlock([r])).ok], [1]);
  });

  it('checks the instant to the microsecond', () => {
    assert.deepEqual([...checkCopyBlock(copyBlock(good, AT_US + 1)).ok], [0, 0, 0]);
  });

  it('takes a record no chain can hold (unsafe id, negative instant) as not matching, without failing the page', () => {
    const page = checkCopyBlock(Buffer.concat([copyBlock([good[0]!], -1), copyBlock([{ ...good[1]!, id: 2 ** 60 }]), copyBlock([good[2]!])]));
    assert.deepEqual([...page.ok], [0, 0, 1]);
  });

  it('an empty block is empty', () => {
    assert.equal(checkCopyBlock(Buffer.alloc(0)).seq.length, 0);
  });
});
