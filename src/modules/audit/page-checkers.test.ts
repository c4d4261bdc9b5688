/**
 * The verifier's worker threads answer what the page check answers right here, page for page and in
 * the order the pages were given (security rules §17).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainHash, type AuditContent } from '../../domain/audit/canonical.ts';
import { checkPage } from '../../domain/audit/page-check.ts';
import { pageText } from '../../domain/audit/test-kit.ts';
import { PageCheckers, WORKER_PAGES } from './page-checkers.ts';

const record = (id: number, tampered = false) => {
  const c: AuditContent = {
    id, at: '2026-11-28T02:03:04.123456Z', actorType: 'app', actorId: null, actorName: `应用${id}`, orgId: null, action: 'data.read',
    targetType: 'grant', targetId: `g${id}`, outcome: 'success', ip: null, requestId: `r${id}`, detail: '{"rows": 50}',
  };
  const hash = chainHash('sm3', `sm3:${id - 1}`, c);
  return { ...c, ...(tampered ? { detail: '{"rows": 51}' } : {}), seq: id, prevHash: `sm3:${id - 1}`, hash };
};

describe('audit page checkers', () => {
  it('in worker threads, answer each page as checkPage does, in order', async () => {
    const texts = Array.from({ length: 6 }, (_, p) => pageText(Array.from({ length: 50 }, (_, i) => record(p * 50 + i + 1, (p + i) % 7 === 0))));
    const checkers = new PageCheckers(WORKER_PAGES, 2);
    try {
      const answers = await Promise.all(texts.map((t) => checkers.check(t)));
      assert.deepEqual(answers.map((a) => ({ ...a, ok: [...a.ok] })), texts.map((t) => checkPage(t)).map((a) => ({ ...a, ok: [...a.ok] })));
      assert.ok(answers.some((a) => a.ok.includes(0)) && answers.some((a) => a.ok.includes(1)));
    } finally {
      await checkers.close();
    }
  });

  it('a short chain is checked without workers, with the same answer', async () => {
    const text = pageText([record(1), record(2, true)]);
    const checkers = new PageCheckers(1);
    try {
      assert.deepEqual([...(await checkers.check(text)).ok], [1, 0]);
    } finally {
      await checkers.close();
    }
  });

  it('a page the worker cannot parse fails its promise with the reason, not the process', async () => {
    const checkers = new PageCheckers(WORKER_PAGES, 1);
    try {
      await assert.rejects(checkers.check('not json'), /audit page check failed/);
      assert.equal((await checkers.check(pageText([record(1)]))).ok[0], 1); // the worker goes on
    } finally {
      await checkers.close();
    }
  });
});
