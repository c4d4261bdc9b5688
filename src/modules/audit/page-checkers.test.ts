/**
 * The verifier's worker threads answer what the block check answers right here, block for block and
 * in the order the blocks were given (security rules §17).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainHash, type AuditContent } from '../../domain/audit/canonical.ts';
import { checkCopyBlock } from '../../domain/audit/page-check.ts';
import { copyBlock } from '../../domain/audit/test-kit.ts';
import { PageCheckers } from './page-checkers.ts';

const record = (id: number, tampered = false) => {
  const c: AuditContent = {
    id, at: '2026-11-28T02:03:04.123456Z', actorType: 'app', actorId: null, actorName: `应用${id}`, orgId: null, action: 'data.read',
    targetType: 'grant', targetId: `g${id}`, outcome: 'success', ip: null, requestId: `r${id}`, detail: '{"rows": 50}',
  };
  const hash = chainHash('sm3', `sm3:${id - 1}`, c);
  return { ...c, ...(tampered ? { detail: '{"rows": 51}' } : {}), seq: id, prevHash: `sm3:${id - 1}`, hash };
};
const plain = (page: ReturnType<typeof checkCopyBlock>) => ({ ...page, ok: [...page.ok] });

describe('audit page checkers', () => {
  it('in worker threads, answer each block as checkCopyBlock does, in order', async () => {
    const blocks = Array.from({ length: 6 }, (_, p) => copyBlock(Array.from({ length: 50 }, (_, i) => record(p * 50 + i + 1, (p + i) % 7 === 0))));
    const checkers = new PageCheckers(2);
    try {
      const answers = await Promise.all(blocks.map((b) => checkers.check(b)));
      assert.deepEqual(answers.map(plain), blocks.map((b) => plain(checkCopyBlock(b))));
      assert.ok(answers.some((a) => a.ok.includes(0)) && answers.some((a) => a.ok.includes(1)));
    } finally {
      await checkers.close();
    }
  });

  it('a block the worker cannot read fails its promise with the reason, not the process', async () => {
    const checkers = new PageCheckers(1);
    try {
      await assert.rejects(checkers.check(Buffer.from('1\t2\n')), /audit page check failed: .*has 2 columns, not 16/);
      assert.equal((await checkers.check(copyBlock([record(1)]))).ok[0], 1); // the worker goes on
    } finally {
      await checkers.close();
    }
  });
});
