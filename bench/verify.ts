/**
 * Verification benchmark (issue 4; §22 数据比对): POST /api/v1/verify/{code} with 10,000 records in
 * batches of 1000 — signed over the exact body, under a live 核验 grant, one key lookup per batch, one
 * access record per batch — against the API benchmark's 100,000-row table. 市发展改革委 (fgw) takes a
 * verification grant on the entry and checks 姓名 and 所属县区 of records it holds: 70 % right,
 * 20 % with a wrong name, 10 % unknown keys (the answers are checked, so a fast wrong answer fails).
 * Batches go one after another from this process (a consumer system verifying a file of records).
 * Reports records/s and the per-batch p50/p99; prints a table, writes bench/results/verify-*.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GdxClient } from '../src/client/gdx-client.ts';
import { TEST_PASSWORD } from '../src/testing/make.ts';
import { defaultApiOptions, startBench, type BenchContext } from './api.ts';

const RECORDS = 10_000;
const BATCH = 1000;

/** The bench table's values for row i (bench/world.ts fillBenchTable). */
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '军', '勇'];
const SUFFIX = ['', '华', '明', '丽', '强'];
const DISTRICTS = ['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县', '晋城经济技术开发区'];
const nameOf = (i: number) => SURNAMES[i % 8]! + GIVEN[i % 9]! + SUFFIX[i % 5]!;

interface Expectation {
  found: number;
  nameMatches: number;
}

/** Records of rows spread over the table: 70 % right, 20 % wrong name, 10 % not in the table. */
function recordsFor(rows: number): { records: Record<string, string>[]; expected: Expectation } {
  const records: Record<string, string>[] = [];
  const expected = { found: 0, nameMatches: 0 };
  for (let n = 0; n < RECORDS; n++) {
    const i = 1 + ((n * 7919) % rows);
    const kind = n % 10;
    if (kind === 9) {
      records.push({ record_no: `XX${String(n).padStart(8, '0')}`, name: nameOf(i), district: DISTRICTS[i % 7]! });
      continue;
    }
    expected.found++;
    if (kind < 7) expected.nameMatches++;
    records.push({ record_no: `JC${String(i).padStart(8, '0')}`, name: kind < 7 ? nameOf(i) : `${nameOf(i)}某`, district: DISTRICTS[i % 7]! });
  }
  return { records, expected };
}

async function verifyGrant(ctx: BenchContext): Promise<void> {
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${ctx.origin}/api/v1${path}`, {
      method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json() as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const tok: Record<string, string> = {};
  for (const u of ['fgw', 'gaj', 'sjj']) tok[u] = (await call('POST', '/auth/login', undefined, { username: u, password: TEST_PASSWORD })).token;
  const req = await call('POST', '/requests', tok.fgw, {
    entryId: ctx.world.entryId, items: ['record_no', 'name', 'district'], method: 'verify', validUntil: `${new Date().getUTCFullYear() + 2}-06-30`,
    purpose: '核验社会救助申请人身份与户籍信息', scenario: '社会救助申请受理时比对申请材料', basis: '《社会救助暂行办法》',
  });
  await call('POST', `/requests/${req.id}/compliance-review`, tok.sjj, { decision: 'pass' });
  const assessment = { internalReview: '内部审查：仅核验，不提供原值', securityAssessment: '安全评估：只返回一致与否，风险可控' };
  const granted = await call('POST', `/requests/${req.id}/reply`, tok.gaj, { decision: 'grant', assessment });
  await call('POST', `/grants/${granted.grantId}/agreement`, tok.fgw, { accept: true });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const fmt = (v: number, digits = 1) => v.toFixed(digits);

export async function runVerifyBench(): Promise<void> {
  const opts = defaultApiOptions();
  const ctx = await startBench(opts);
  try {
    await verifyGrant(ctx);
    const client = new GdxClient({ baseUrl: `${ctx.origin}/api/v1`, appKey: ctx.world.appKey, secret: ctx.world.secret });
    const path = ctx.world.dataPath.replace('/data/', '/verify/');
    const { records, expected } = recordsFor(opts.rows);
    const send = async (batch: Record<string, string>[]) => {
      const res = await client.post(path, { records: batch });
      const body = await res.json() as { results?: { found: boolean; fields: Record<string, string> }[]; error?: unknown };
      if (res.status !== 200 || !body.results) throw new Error(`verify: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.results;
    };
    process.stdout.write(`verification (${RECORDS.toLocaleString('en')} records in batches of ${BATCH}) … `);
    await send(records.slice(0, BATCH)); // warm-up
    const latencies: number[] = [];
    const got = { found: 0, nameMatches: 0 };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let b = 0; b < RECORDS; b += BATCH) {
      const t0 = performance.now();
      const results = await send(records.slice(b, b + BATCH));
      latencies.push(performance.now() - t0);
      for (const r of results) {
        if (r.found) got.found++;
        if (r.fields.name === 'match') got.nameMatches++;
      }
    }
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const recordsPerSec = (RECORDS / elapsedMs) * 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const correct = got.found === expected.found && got.nameMatches === expected.nameMatches;
    console.log(`${fmt(recordsPerSec)} records/s`);
    console.log(`\nVerification: ${RECORDS.toLocaleString('en')} records in ${RECORDS / BATCH} sequential batches of ${BATCH}, keys looked up in a ${opts.rows.toLocaleString('en')}-row table\n`);
    console.log('| route | records/s | batch p50 ms | batch p99 ms | answers |');
    console.log('|---|---:|---:|---:|---|');
    console.log(`| verify /verify/{code} | ${fmt(recordsPerSec)} | ${fmt(percentile(sorted, 50), 2)} | ${fmt(percentile(sorted, 99), 2)} | ${correct ? 'correct' : 'WRONG'} (found ${got.found}/${expected.found}, name matches ${got.nameMatches}/${expected.nameMatches}) |`);
    const serverCpuMsPerBatch = (cpu.user + cpu.system) / 1000 / (RECORDS / BATCH);
    console.log(`CPU per batch (server and this client, one process): ${fmt(serverCpuMsPerBatch, 2)} ms; machine: ${os.cpus().length} cores, load average ${fmt(os.loadavg()[0]!, 2)}`);

    const at = new Date().toISOString();
    const file = fileURLToPath(new URL(`./results/verify-${at.replace(/[:.]/g, '-')}.json`, import.meta.url));
    await mkdir(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    await writeFile(file, `${JSON.stringify({
      bench: 'verify', at, records: RECORDS, batch: BATCH, tableRows: opts.rows, elapsedMs, recordsPerSec,
      batchLatencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), all: latencies }, answers: { expected, got, correct },
      cpuMsPerBatch: serverCpuMsPerBatch, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadAverage1m: os.loadavg()[0] },
    }, null, 2)}\n`);
    console.log(`results: ${file}`);
    if (!correct) process.exitCode = 1;
  } finally {
    await ctx.cleanup();
  }
}
