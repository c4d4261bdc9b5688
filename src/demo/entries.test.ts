import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CatalogEntryBody, DataFormat, ShareMethod } from '../domain/catalog/types.ts';
import { DEFAULT_GRADING_RULES } from '../domain/grading/defaults.ts';
import { BASIC_ITEMS, DEMO_DATABASES, DEPARTMENT_SUBITEMS, THEME_ITEMS } from './categories.ts';
import { departmentByKey } from './departments.ts';
import { DEMO_ENTRIES, entryByKey } from './entries.ts';
import { resolveBody } from './entry-kit.ts';
import { CITY_CODE } from './regions.ts';

const FILE_FORMATS: readonly DataFormat[] = ['csv', 'xlsx', 'pdf', 'docx', 'image', 'video', 'archive', 'other-file'];

/**
 * The consistency rules of the brief, written here independently of domain/catalog/validation.ts so
 * the demo data is checked even if the validator changes. Each returns the broken rules' messages.
 */
function inconsistencies(b: CatalogEntryBody): string[] {
  const out: string[] = [];
  const fail = (cond: boolean, msg: string) => {
    if (cond) out.push(msg);
  };
  // §23: 有条件共享 states its scope, 不予共享 its legal basis.
  fail(b.shareType === 'conditional' && !b.shareScope?.trim(), 'conditional without shareScope');
  fail(b.shareType !== 'conditional' && b.shareScope !== undefined, 'shareScope on a non-conditional entry');
  fail(b.shareType === 'none' && !b.notShareBasis?.trim(), 'none without notShareBasis');
  fail(b.shareType !== 'none' && b.notShareBasis !== undefined, 'notShareBasis on a shared entry');
  // Sec §25, §27: every sensitive item has a real masking rule; masked data is 有条件共享 (§22).
  for (const it of b.items) fail(it.sensitiveType !== undefined && (it.masking ?? 'none') === 'none', `${it.name}: sensitive, no masking`);
  fail(b.shareType === 'unconditional' && b.items.some((it) => it.sensitiveType), 'masked items in an unconditional entry');
  fail(b.items.some((it) => it.sensitiveType === 'id_card') && b.grade < 2, 'identity numbers below grade 2');
  // §17: files can only be shared as files; an API as an API; real-time/daily and 并联审批 data by API.
  const allowed: ShareMethod[] = FILE_FORMATS.includes(b.format) ? ['file'] : b.format === 'api' ? ['api'] : ['table', 'api', 'verify'];
  fail(!allowed.includes(b.shareMethod), `format ${b.format} shared as ${b.shareMethod}`);
  fail((b.updateCycle === 'realtime' || b.updateCycle === 'daily' || b.parallelApproval === true) && b.shareMethod !== 'api',
    'frequently updated or 并联审批 data not shared by API');
  // §22: verification needs key items and is 有条件共享.
  fail(b.shareMethod === 'verify' && !b.items.some((it) => it.key), 'verify without key items');
  fail(b.shareMethod === 'verify' && b.shareType !== 'conditional', 'verify entry not conditional');
  // Sec §28: L3/L4, 重要数据 and 不予共享 data are not opened; L2 at most conditionally.
  fail((b.grade >= 3 || b.important || b.shareType === 'none') && b.openType !== 'closed', 'must be closed');
  fail(b.grade === 2 && b.openType === 'open', 'grade 2 opened unconditionally');
  fail(b.openType !== 'closed' && !b.openMethod, 'opened without openMethod');
  fail(b.openType === 'closed' && b.openMethod !== undefined, 'openMethod on a closed entry');
  // §10: data dictionary — unique snake_case names and labels, text items have a length.
  const names = b.items.map((it) => it.name);
  const labels = b.items.map((it) => it.label);
  fail(new Set(names).size !== names.length, 'duplicate item names');
  fail(new Set(labels).size !== labels.length, 'duplicate item labels');
  for (const it of b.items) {
    fail(!/^[a-z][a-z0-9_]*$/.test(it.name), `${it.name}: not snake_case`);
    fail(it.type === 'string' && !(Number.isInteger(it.length) && (it.length ?? 0) > 0), `${it.name}: text without length`);
  }
  fail(b.items.length < 3, 'fewer than 3 items');
  fail(b.summary.length < 20, 'summary too short');
  return out;
}

describe('demo catalog entries', () => {
  it('are 15–20 entries with unique keys and names', () => {
    assert.ok(DEMO_ENTRIES.length >= 15 && DEMO_ENTRIES.length <= 20, String(DEMO_ENTRIES.length));
    assert.equal(new Set(DEMO_ENTRIES.map((e) => e.key)).size, DEMO_ENTRIES.length);
    assert.equal(new Set(DEMO_ENTRIES.map((e) => e.body.name)).size, DEMO_ENTRIES.length);
  });

  for (const e of DEMO_ENTRIES) {
    it(`${e.body.name} is internally consistent`, () => {
      assert.deepEqual(inconsistencies(e.body), []);
    });
  }

  it('belong to known providers; county entries are stored at county level by a county department', () => {
    for (const e of DEMO_ENTRIES) {
      const d = departmentByKey(e.provider);
      assert.equal(d.role, 'department', `${e.key}: the authority does not provide data here`);
      assert.equal(e.body.storageLevel, d.regionCode === CITY_CODE ? 'city' : 'county', e.key);
    }
  });

  it('carry categories from the demo table and the right database', () => {
    for (const { key, provider, body, basicDbKey, themeDbKey } of DEMO_ENTRIES) {
      const { kind, item = '', subItem = '' } = body.category;
      if (kind === 'department') {
        assert.equal(item, departmentByKey(provider).catalogCode, key);
        assert.ok(subItem in DEPARTMENT_SUBITEMS, key);
      } else {
        assert.ok(subItem in ((kind === 'basic' ? BASIC_ITEMS : THEME_ITEMS)[item]?.subItems ?? {}), key);
      }
      // §14: basic entries belong to a basic database, theme entries to a theme database.
      const db = DEMO_DATABASES.find((d) => d.key === (basicDbKey ?? themeDbKey));
      if (kind === 'department') assert.equal(db, undefined, key);
      else assert.equal(db?.kind, kind, key);
    }
  });

  it('cover every planned status and share type the demo shows', () => {
    const statuses = DEMO_ENTRIES.map((e) => e.status);
    assert.ok(statuses.includes('draft') && statuses.includes('pending') && statuses.includes('published'));
    const types = new Set(DEMO_ENTRIES.map((e) => e.body.shareType));
    assert.deepEqual([...types].sort(), ['conditional', 'none', 'unconditional']);
    assert.ok(DEMO_ENTRIES.some((e) => e.provider === 'zzx.zrzyj' && e.body.storageLevel === 'county'));
    assert.ok(DEMO_ENTRIES.some((e) => e.body.shareMethod === 'verify'));
    assert.ok(DEMO_ENTRIES.some((e) => e.body.updateCycle === 'realtime'));
  });

  it('reference existing entries only', () => {
    for (const e of DEMO_ENTRIES) for (const k of e.relatedKeys ?? []) entryByKey(k);
  });

  it('re-declare items across departments only where the demo wants a 一数一源 warning (§15)', () => {
    // Same rule as domain/catalog/one-source.ts: same non-generic name, or same normalised label.
    const generic = new Set(['name', 'seq', '序号', '名称']);
    const norm = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
    const published = DEMO_ENTRIES.filter((e) => e.status === 'published');
    const pairs = new Set<string>();
    for (const e of DEMO_ENTRIES) {
      for (const it of e.body.items) {
        for (const o of published) {
          if (o.provider === e.provider) continue;
          for (const p of o.body.items) {
            const sameName = !generic.has(it.name) && it.name === p.name;
            const sameLabel = !generic.has(it.label) && norm(it.label) === norm(p.label);
            if (sameName || sameLabel) pairs.add(`${e.key}.${it.name} ← ${o.key}.${p.name}`);
          }
        }
      }
    }
    assert.deepEqual([...pairs].sort(), [
      'external-director-pool.birth_date ← population.birth_date',
      'external-director-pool.gender ← population.gender',
      'external-director-pool.id_number ← population.id_number',
      'external-director-pool.name ← population.name',
      'legal-persons.org_name ← safety-permits.org_name',
      'legal-persons.uscc ← safety-permits.uscc',
      'medical-institutions.fire_officer ← fire-key-units.fire_officer',
      'population.birth_date ← external-director-pool.birth_date',
      'population.gender ← external-director-pool.gender',
      'population.id_number ← external-director-pool.id_number',
      'population.name ← external-director-pool.name',
      'safety-permits.org_name ← legal-persons.org_name',
      'safety-permits.uscc ← legal-persons.uscc',
    ]);
  });

  const validationUrl = new URL('../domain/catalog/validation.ts', import.meta.url);
  const hasValidator = existsSync(fileURLToPath(validationUrl));
  it('pass the catalog validator with no errors', { skip: !hasValidator && 'validator not written yet' }, async () => {
    const { validateEntry } = (await import(validationUrl.href)) as {
      validateEntry: (body: CatalogEntryBody, ctx: { grading: typeof DEFAULT_GRADING_RULES }) => { level: string; code: string; field: string }[];
    };
    for (const e of DEMO_ENTRIES) {
      const errors = validateEntry(resolveBody(e, (k) => `db-${k}`), { grading: DEFAULT_GRADING_RULES }).filter((i) => i.level === 'error');
      assert.deepEqual(errors, [], e.key);
    }
  });
});
