import { createHash } from 'node:crypto';
import { chainHash } from './src/domain/audit/canonical.ts';
const rec = { id: 123456, at: '2026-11-28T02:03:04.123456Z', actorType: 'user', actorId: null, actorName: 'user12', orgId: null, action: 'data.read', targetType: 'grant', targetId: 'c4ca4238a0b923820dcc509a6f75849b', outcome: 'success', ip: '10.0.0.1', requestId: '6512bd43d9caa6e02c990b0a82652dca', detail: '{"note": "批量", "rows": 12}' };
for (const alg of ['sm3', 'sha256'] as const) {
  let t0 = performance.now(); let prev: string | null = null;
  for (let i = 0; i < 200000; i++) prev = chainHash(alg, prev, rec);
  console.log(alg, 'chainHash µs/rec', ((performance.now() - t0) * 1000 / 200000).toFixed(2));
}
let t0 = performance.now();
for (let i = 0; i < 200000; i++) JSON.stringify(['gdx-audit/1', 'sm3:abc', rec.id, rec.at, rec.actorType, rec.actorId, rec.actorName, rec.orgId, rec.action, rec.targetType, rec.targetId, rec.outcome, rec.ip, rec.requestId, rec.detail]);
console.log('stringify µs/rec', ((performance.now() - t0) * 1000 / 200000).toFixed(2));
t0 = performance.now();
for (let i = 0; i < 200000; i++) createHash('sm3').update('x'.repeat(300)).digest('hex');
console.log('sm3 300B µs', ((performance.now() - t0) * 1000 / 200000).toFixed(2));
