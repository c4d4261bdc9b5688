import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHECK_ITEMS, CHECK_ITEM_LABELS, DESTRUCTION_METHODS, DESTRUCTION_TARGETS, FINDING_SEVERITY_LABELS, INCIDENT_KINDS,
  INCIDENT_KIND_LABELS,
} from './vocabulary.ts';

const SEC_31 = [
  ['implementation', '(一)', '贯彻落实国家、省、市政务数据安全有关规定情况'],
  ['deployment', '(二)', '研究部署政务数据安全工作情况'],
  ['institution', '(三)', '建立和执行政务数据安全制度情况'],
  ['emergency_plan', '(四)', '制定政务数据安全应急预案并组织演练情况'],
  ['training', '(五)', '开展政务数据安全培训情况'],
  ['hazard_handling', '(六)', '对发现和通报的安全隐患及时排查和处置情况'],
  ['mlps_crypto', '(七)', '落实网络安全等级保护和商用密码应用情况'],
  ['funding', '(八)', '政务数据安全经费保障情况'],
  ['other', '(九)', '上级部门要求的其他安全工作情况'],
] as const;

test('Sec §31 the nine check items, in the article\'s order and words', () => {
  assert.deepEqual([...CHECK_ITEMS], SEC_31.map(([k]) => k));
});
for (const [key, n, words] of SEC_31) {
  test(`Sec §31${n} ${words}`, () => {
    assert.equal(CHECK_ITEM_LABELS[key].zh, words);
    assert.equal(CHECK_ITEM_LABELS[key].article, `Sec §31${n}`);
    assert.ok(CHECK_ITEM_LABELS[key].en.length > 10);
  });
}

const SEC_34 = [
  ['attack', '(一)', '基础网络、重要系统受到外部攻击遭到破坏'],
  ['leak', '(二)', '公民、法人信息或重要政务数据泄露、毁损、丢失'],
  ['tampering', '(三)', '网站数据被篡改'],
  ['notified', '(四)', '国家、省、市有关部门通报的事件'],
  ['other_major', '(五)', '发生其他重大政务数据安全事件'],
] as const;

test('Sec §34 the five cases, in order', () => {
  assert.deepEqual([...INCIDENT_KINDS], SEC_34.map(([k]) => k));
});
for (const [key, n, words] of SEC_34) {
  test(`Sec §34${n} ${words}`, () => {
    assert.ok(INCIDENT_KIND_LABELS[key].zh.includes(words));
    assert.equal(INCIDENT_KIND_LABELS[key].article, `Sec §34${n}`);
  });
}

test('Sec §33 a major finding is the article\'s 重大安全隐患和安全管理缺陷', () => {
  assert.equal(FINDING_SEVERITY_LABELS.major.zh, '重大安全隐患和安全管理缺陷');
  assert.equal(FINDING_SEVERITY_LABELS.major.article, 'Sec §33');
});

test('Sec §29 every destruction target has exactly one recorded method', () => {
  assert.deepEqual(Object.keys(DESTRUCTION_METHODS).sort(), [...DESTRUCTION_TARGETS].sort());
  assert.equal(DESTRUCTION_METHODS.synced_copy, 'drop_synced_copy');
});
