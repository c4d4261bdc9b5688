/**
 * How a file is delivered under a 文件 grant (§17, §39; security rules §24–§27): projection or whole,
 * trace carrier, and the watermark the default grading rules require by grade (Sec §16) — table-driven.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GRADING_RULES, watermarkRequired } from '../grading/index.ts';
import type { Grade } from '../catalog/types.ts';
import { planDelivery, watermarkText, type DeliverySource } from './delivery-plan.ts';

describe('planDelivery', () => {
  const cases: Array<[string, DeliverySource, Grade, boolean, Record<string, unknown>]> = [
    ['structured CSV, grade 2', { kind: 'csv', structured: true }, 2, false, { ok: true, mode: 'project', trace: 'csv-line', watermark: false }],
    ['structured CSV, grade 3: watermarked', { kind: 'csv', structured: true }, 3, false, { ok: true, mode: 'project', watermark: true }],
    ['structured XLSX with a row scope', { kind: 'xlsx', structured: true }, 2, true, { ok: true, mode: 'project', trace: 'xlsx-properties' }],
    ['unstructured XLSX: whole', { kind: 'xlsx', structured: false }, 1, false, { ok: true, mode: 'whole', trace: 'xlsx-properties', watermark: false }],
    ['PDF grade 2: whole, no watermark', { kind: 'pdf', structured: false }, 2, false, { ok: true, mode: 'whole', trace: 'pdf-info', watermark: false }],
    ['PDF grade 4: watermark on every page', { kind: 'pdf', structured: false }, 4, false, { ok: true, watermark: true }],
    ['table export as XLSX, grade 3', { kind: 'table', format: 'xlsx' }, 3, true, { ok: true, mode: 'project', output: 'xlsx', watermark: true }],
    ['table export as CSV, grade 1', { kind: 'table', format: 'csv' }, 1, false, { ok: true, output: 'csv', trace: 'csv-line', watermark: false }],
    ['other file, grade 2: whole, traced by record only', { kind: 'other', structured: false }, 2, false, { ok: true, mode: 'whole', trace: 'none', watermark: false }],
    ['other file, grade 3: refused (cannot bear a watermark)', { kind: 'other', structured: false }, 3, false, { ok: false, code: 'UNMARKABLE_AT_GRADE' }],
    ['PDF under a row scope: refused', { kind: 'pdf', structured: false }, 2, true, { ok: false, code: 'ROW_SCOPE_ON_WHOLE_FILE' }],
    ['unstructured CSV under a row scope: refused', { kind: 'csv', structured: false }, 1, true, { ok: false, code: 'ROW_SCOPE_ON_WHOLE_FILE' }],
  ];
  for (const [name, source, grade, scoped, expected] of cases) {
    it(name, () => {
      const plan = planDelivery(source, watermarkRequired(grade, DEFAULT_GRADING_RULES), scoped) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.equal(plan[k], v, `${k} of ${JSON.stringify(plan)}`);
      if (!plan.ok) assert.ok(plan.zh && plan.en, 'refusals explain themselves in both languages');
    });
  }
});

describe('watermarkText', () => {
  it('names the consumer and the delivery; the PDF form is printable ASCII', () => {
    const w = watermarkText({ name: '晋城市发展和改革委员会', key: 'fgw' }, 'd-1');
    assert.equal(w.zh, '仅供晋城市发展和改革委员会依授权使用 · 交付记录 d-1');
    assert.match(w.ascii, /^[\x20-\x7e]+$/);
    assert.match(w.ascii, /fgw.*d-1/);
  });
});
