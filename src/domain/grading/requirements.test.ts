import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MASKING_RULE_SPECS, maskingFitsType } from '../catalog/sensitivity.ts';
import { GRADES, SENSITIVE_TYPES, type Grade, type OpenType, type SensitiveType, type ShareType } from '../catalog/types.ts';
import { DEFAULT_GRADING_RULES as R } from './defaults.ts';
import {
  auditDetail, defaultMaskingOf, encryptionRequired, grantRequirements, minimumGrade, openTypeAllowed, shareTypeAllowed,
  watermarkRequired,
} from './requirements.ts';
import type { GradingRuleSet } from './types.ts';

type Row = [grade: Grade, important: boolean, share: ShareType, open: OpenType, review: boolean, assessment: boolean, platformGrants: boolean, encrypt: boolean, watermark: boolean, audit: 'summary' | 'full'];

// grade, 重要数据, most open 共享属性, most open 开放属性, 内部审查, 安全评估, platform may grant, 加密存储, 水印, 审计
const table: Row[] = [
  [1, false, 'unconditional', 'open', false, false, true, false, false, 'summary'],
  [2, false, 'unconditional', 'conditional', false, false, true, false, false, 'summary'],
  [3, false, 'conditional', 'closed', true, true, false, true, true, 'full'],
  [4, false, 'conditional', 'closed', true, true, false, true, true, 'full'],
  [1, true, 'conditional', 'closed', true, true, false, true, true, 'full'],
  [2, true, 'conditional', 'closed', true, true, false, true, true, 'full'],
  [4, true, 'conditional', 'closed', true, true, false, true, true, 'full'],
];

for (const [grade, important, share, open, review, assessment, platformGrants, encrypt, watermark, audit] of table) {
  const what = `L${grade}${important ? ' 重要数据' : ''}`;
  const marks = { important };

  test(`Sec §27 内部审查/安全评估: a grant of ${what} ${review ? 'needs' : 'does not need'} the provider's review and assessment`, () => {
    assert.deepEqual(grantRequirements(grade, R, marks), { internalReview: review, securityAssessment: assessment, platformMayGrant: platformGrants });
  });

  test(`§22 + Sec §27: ${what} may be shared at most ${share}`, () => {
    for (const t of ['none', 'conditional', 'unconditional'] as const) {
      const order = { none: 0, conditional: 1, unconditional: 2 };
      assert.equal(shareTypeAllowed(t, grade, R, marks), order[t] <= order[share], t);
    }
  });

  test(`Sec §28: ${what} may be opened at most ${open}`, () => {
    for (const t of ['closed', 'conditional', 'open'] as const) {
      const order = { closed: 0, conditional: 1, open: 2 };
      assert.equal(openTypeAllowed(t, grade, R, marks), order[t] <= order[open], t);
    }
  });

  test(`Sec §23 加密存储 / §24 水印 / §17 审计: ${what} → encrypt ${encrypt}, watermark ${watermark}, audit ${audit}`, () => {
    assert.equal(encryptionRequired(grade, R, marks), encrypt);
    assert.equal(watermarkRequired(grade, R, marks), watermark);
    assert.equal(auditDetail(grade, R, marks), audit);
  });
}

test('Sec §16 统一分级: a higher grade never demands less than a lower one (defaults)', () => {
  for (let i = 1; i < GRADES.length; i++) {
    const lo = grantRequirements(GRADES[i - 1]!, R);
    const hi = grantRequirements(GRADES[i]!, R);
    assert.ok(!lo.internalReview || hi.internalReview);
    assert.ok(!lo.securityAssessment || hi.securityAssessment);
    assert.ok(!watermarkRequired(GRADES[i - 1]!, R) || watermarkRequired(GRADES[i]!, R));
  }
});

const floors: Array<[SensitiveType, Grade, string]> = [
  ['id_card', 2, 'id_card'], ['bank_card', 2, 'bank_card'], ['health', 2, 'redact'], ['location', 2, 'redact'],
  ['phone', 1, 'phone'], ['name', 1, 'name'], ['address', 1, 'address_district'], ['email', 1, 'keep_first'],
  ['uscc', 1, 'keep_first_last'], ['other', 1, 'redact'],
];
test('Sec §16/§25: the table covers every sensitive type', () => {
  assert.deepEqual(floors.map(([t]) => t).sort(), [...SENSITIVE_TYPES].sort());
});
for (const [type, grade, masking] of floors) {
  test(`Sec §16/§25: ${type} needs at least L${grade} and is masked by ${masking} by default`, () => {
    assert.equal(minimumGrade(type, R), grade);
    const d = defaultMaskingOf(type, R);
    assert.equal(d.masking, masking);
    // A default applies to a text item as it stands: it fits one and carries its N.
    assert.ok(maskingFitsType(d.masking, 'string'));
    if (MASKING_RULE_SPECS[d.masking].needsParam) assert.ok((d.maskingParam ?? 0) >= 1);
  });
}

test('Sec §25: defaultMaskingOf returns a copy the caller may change', () => {
  const a = defaultMaskingOf('uscc', R);
  a.maskingParam = 9;
  assert.equal(defaultMaskingOf('uscc', R).maskingParam, 4);
});

test('Sec §16: the authority\'s edited rule set is what the rules read', () => {
  const strict: GradingRuleSet = structuredClone(R);
  strict.grades[2] = { ...strict.grades[2], maxShareType: 'conditional', watermark: true };
  strict.sensitiveTypes.phone = { minGrade: 3, masking: 'redact' };
  assert.equal(shareTypeAllowed('unconditional', 2, strict), false);
  assert.equal(watermarkRequired(2, strict), true);
  assert.equal(minimumGrade('phone', strict), 3);
  assert.equal(shareTypeAllowed('unconditional', 2, R), true, 'the defaults are untouched');
});
