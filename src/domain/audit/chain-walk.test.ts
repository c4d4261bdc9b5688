/**
 * Verifying the audit chain (security rules §17; §38 全流程审计): each kind of tampering is named at
 * the FIRST bad position.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainHash, type AuditContent } from './canonical.ts';
import { walkChain, type ChainRecord, type CheckpointMark } from './chain-walk.ts';

function content(id: number): AuditContent {
  return {
    id, at: `2026-11-28T02:03:${String(id % 60).padStart(2, '0')}.000${String(id % 1000).padStart(3, '0')}Z`,
    actorType: 'user', actorId: 'u1', actorName: 'fgw', orgId: null, action: 'catalog.create',
    targetType: 'catalog_entry', targetId: `e${id}`, outcome: 'success', ip: '127.0.0.1', requestId: null,
    detail: `{"n": ${id}}`,
  };
}

/** A well-formed chain of n records; ids deliberately not in seal order. */
function chain(n: number, alg: 'sm3' | 'sha256' = 'sm3'): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(1000 - seq * 3);
    const hash = chainHash(alg, prev, c);
    out.push({ ...c, seq, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

/** Rehashes from index i onward, as an attacker who knows the algorithm would. */
function rehashFrom(records: ChainRecord[], i: number): void {
  for (let k = i; k < records.length; k++) {
    const prev = k === 0 ? null : records[k - 1]!.hash;
    records[k] = { ...records[k]!, prevHash: prev, hash: chainHash('sm3', prev, records[k]!) };
  }
}

const mark = (r: ChainRecord, id = r.seq): CheckpointMark => ({ id, seq: r.seq, hash: r.hash, signatureValid: true });

describe('audit chain verification', () => {
  it('accepts an intact chain, in either algorithm, and a chain that switched algorithm', () => {
    for (const alg of ['sm3', 'sha256'] as const) {
      const r = walkChain(chain(50, alg));
      assert.equal(r.ok, true);
      assert.equal(r.verified, 50);
      assert.equal(r.verifiedThrough, 50);
    }
    const mixed = chain(10);
    mixed[5] = { ...mixed[5]!, hash: chainHash('sha256', mixed[4]!.hash, mixed[5]!) };
    rehashFrom(mixed, 6);
    mixed[5] = { ...mixed[5]!, hash: chainHash('sha256', mixed[4]!.hash, mixed[5]!) };
    for (let k = 6; k < 10; k++) mixed[k] = { ...mixed[k]!, prevHash: mixed[k - 1]!.hash, hash: chainHash('sm3', mixed[k - 1]!.hash, mixed[k]!) };
    assert.equal(walkChain(mixed).ok, true);
  });

  it('accepts the empty chain', () => {
    assert.deepEqual(walkChain([]), { ok: true, verified: 0, verifiedThrough: 0, headHash: null, checkpointsVerified: 0 });
  });

  it('content changed: one byte of detail at position 17', () => {
    const c = chain(40);
    c[16] = { ...c[16]!, detail: '{"n": 950}' };
    const r = walkChain(c);
    assert.equal(r.firstBad?.reason, 'content_changed');
    assert.equal(r.firstBad?.seq, 17);
    assert.equal(r.firstBad?.recordId, c[16]!.id);
    assert.equal(r.verifiedThrough, 16);
    assert.match(r.firstBad!.zh, /内容被修改/);
  });

  it('missing: a deleted middle record leaves a gap', () => {
    const c = chain(30);
    c.splice(11, 1);
    const r = walkChain(c);
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.recordId], ['missing', 12, null]);
  });

  it('link broken: a deleted record with the positions after it renumbered', () => {
    const c = chain(30);
    c.splice(11, 1);
    for (let k = 11; k < c.length; k++) c[k] = { ...c[k]!, seq: c[k]!.seq - 1 };
    const r = walkChain(c);
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq], ['link_broken', 12]);
  });

  it('reordered: two records swapped', () => {
    const c = chain(30);
    const [a, b] = [c[20]!, c[21]!];
    c[20] = { ...b, seq: 21 };
    c[21] = { ...a, seq: 22 };
    const r = walkChain(c);
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.recordId], ['reordered', 21, b.id]);
  });

  it('forged: a correctly hashed record inserted in the middle, positions renumbered', () => {
    const c = chain(30);
    const forged = { ...content(5), actorName: 'intruder' };
    const hash = chainHash('sm3', c[9]!.hash, forged);
    c.splice(10, 0, { ...forged, seq: 11, prevHash: c[9]!.hash, hash });
    for (let k = 11; k < c.length; k++) c[k] = { ...c[k]!, seq: c[k]!.seq + 1 };
    const r = walkChain(c);
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq], ['forged', 11]);
    assert.equal(r.verifiedThrough, 10);
  });

  it('forged: records between a record and its real predecessor, seen only within the look-back window', () => {
    const c = chain(40);
    c[32] = { ...c[32]!, prevHash: c[26]!.hash, hash: chainHash('sm3', c[26]!.hash, c[32]!) };
    rehashFrom(c, 33);
    // window 8: positions 25–32 are remembered (the ring has wrapped four times), so 28–32 are named as inserted.
    assert.deepEqual([walkChain(c, { window: 8 }).firstBad?.reason, walkChain(c, { window: 8 }).firstBad?.seq], ['forged', 28]);
    // window 4: position 27 is forgotten; the break is still named, at 33, without its cause.
    assert.deepEqual([walkChain(c, { window: 4 }).firstBad?.reason, walkChain(c, { window: 4 }).firstBad?.seq], ['link_broken', 33]);
  });

  it('forged: a record with a made-up predecessor, the chain resuming after it', () => {
    const c = chain(30);
    const forged = content(5);
    c.splice(10, 0, { ...forged, seq: 11, prevHash: 'sm3:'.padEnd(68, '0'), hash: chainHash('sm3', 'sm3:'.padEnd(68, '0'), forged) });
    for (let k = 11; k < c.length; k++) c[k] = { ...c[k]!, seq: c[k]!.seq + 1 };
    assert.deepEqual([walkChain(c).firstBad?.reason, walkChain(c).firstBad?.seq], ['forged', 11]);
  });

  it('duplicate: a copy of a record at its position; with another id it no longer matches its hash', () => {
    const c = chain(10);
    c.splice(5, 0, { ...c[4]! });
    assert.deepEqual([walkChain(c).firstBad?.reason, walkChain(c).firstBad?.seq], ['duplicate', 5]);
    const d = chain(10);
    d.splice(4, 0, { ...d[4]!, id: 1 });
    assert.deepEqual([walkChain(d).firstBad?.reason, walkChain(d).firstBad?.seq], ['content_changed', 5]);
  });

  it('checkpoint mismatch: the chain rewritten consistently after a signed checkpoint', () => {
    const c = chain(30);
    const checkpoints = [mark(c[9]!), mark(c[19]!)];
    c[14] = { ...c[14]!, actorName: 'someone else' };
    rehashFrom(c, 14);
    const r = walkChain(c, { checkpoints });
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.checkpointId], ['checkpoint_mismatch', 20, 20]);
    assert.equal(r.verifiedThrough, 10, 'only the prefix under the last good checkpoint is proven');
  });

  it('checkpoint signature: an altered checkpoint', () => {
    const c = chain(10);
    const r = walkChain(c, { checkpoints: [{ ...mark(c[4]!), signatureValid: false }] });
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq], ['checkpoint_signature', 5]);
  });

  it('truncated: the tail removed below a checkpoint', () => {
    const c = chain(30);
    const checkpoints = [mark(c[29]!)];
    const r = walkChain(c.slice(0, 25), { checkpoints });
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq], ['truncated', 26]);
  });

  it('counts verified checkpoints and reports the last', () => {
    const c = chain(30);
    const r = walkChain(c, { checkpoints: [mark(c[9]!), mark(c[29]!)] });
    assert.equal(r.ok, true);
    assert.equal(r.checkpointsVerified, 2);
    assert.deepEqual(r.lastCheckpointVerified, { id: 30, seq: 30 });
    assert.equal(r.headHash, c[29]!.hash);
  });

  it('steps over archived-and-dropped months, also when they interleave, linking through their end hashes', () => {
    const c = chain(30);
    // month A held positions 1–10 and 12; position 11 belongs to the next month (committed first).
    const dropped = [{ from: 1, to: 10, lastHash: c[9]!.hash }, { from: 12, to: 12, lastHash: c[11]!.hash }];
    const kept = c.filter((r) => r.seq === 11 || r.seq > 12);
    const r = walkChain(kept, { dropped, checkpoints: [mark(c[4]!), mark(c[9]!)] });
    assert.equal(r.ok, true, JSON.stringify(r.firstBad));
    assert.equal(r.verified, 19);
    assert.equal(r.checkpointsVerified, 1, 'the checkpoint at the end of the dropped range is checked against its end hash');
    const wrong = walkChain(kept, { dropped: [{ from: 1, to: 10, lastHash: c[8]!.hash }, dropped[1]!] });
    assert.deepEqual([wrong.firstBad?.reason, wrong.firstBad?.seq], ['link_broken', 11]);
    const unexplained = walkChain(kept, { dropped: [dropped[0]!] });
    assert.deepEqual([unexplained.firstBad?.reason, unexplained.firstBad?.seq], ['missing', 12]);
  });
});
