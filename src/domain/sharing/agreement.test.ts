/** The data-security agreement generated from a grant (security rules §27): one row per term it must state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GRADING_RULES } from '../grading/defaults.ts';
import { agreementClauses, agreementText, type AgreementInput } from './agreement.ts';

const base: AgreementInput = {
  grantId: '11111111-2222-4333-8444-555555555555',
  providerName: '晋城市公安局',
  consumerName: '晋城市发展和改革委员会',
  authorityName: '晋城市大数据应用局',
  entry: {
    name: '特种行业许可信息', code: '301020/000042', grade: 2, important: false, shareType: 'conditional',
    items: [
      { name: 'registration_no', label: '登记证编号', type: 'string', key: true },
      { name: 'holder_name', label: '持证单位', type: 'string' },
      { name: 'phone', label: '联系电话', type: 'string', sensitiveType: 'phone', masking: 'phone' },
      { name: 'address', label: '经营地址', type: 'string' },
    ],
  },
  items: ['registration_no', 'holder_name', 'phone'],
  method: 'api',
  conditions: {},
  purpose: '核查建设项目审批中的许可信息',
  scenario: '投资项目在线审批监管平台并联审批',
  basis: '《企业投资项目核准和备案管理条例》',
  validFrom: '2026-01-05',
  validUntil: '2027-06-30',
  grading: DEFAULT_GRADING_RULES,
};

const with_ = (over: Partial<AgreementInput>): AgreementInput => ({ ...base, ...over });
const zh = (input: AgreementInput) => agreementText(input, 'zh');
const en = (input: AgreementInput) => agreementText(input, 'en');

describe('agreement text (security rules §27: 主体、用途、方式、范围、期限、应用场景、安全保护措施、责任义务)', () => {
  const cases: { why: string; input: AgreementInput; zh: RegExp[]; en?: RegExp[]; notZh?: RegExp[] }[] = [
    { why: '主体: provider, consumer, the platform\'s authority and the grant', input: base,
      zh: [/提供方（甲方）：晋城市公安局/, /使用方（乙方）：晋城市发展和改革委员会/, /平台管理方：晋城市大数据应用局/, /依据授权：11111111-2222/],
      en: [/Provider \(Party A\): 晋城市公安局/] },
    { why: '用途 with the legal basis, bound to it (§39)', input: base, zh: [/核查建设项目审批中的许可信息/, /履职依据：《企业投资项目核准和备案管理条例》/, /不得用于其他目的/] },
    { why: '用途 without a basis says none', input: with_({ basis: null }), zh: [/使用用途/], notZh: [/履职依据/] },
    { why: '方式: API', input: base, zh: [/接口：由使用方的应用系统以平台签发的应用密钥签名调用/] },
    { why: '方式: verification never returns data (§22)', input: with_({ method: 'verify' }), zh: [/核验：.*不获取原始数据（第二十二条）/] },
    { why: '方式: table sync adds encrypted storage (Sec §23)', input: with_({ method: 'table' }), zh: [/库表：由平台自提供方前置库/, /加密存储所获数据（安全细则第二十三条）/] },
    { why: 'API use has no storage clause', input: base, zh: [/传输/], notZh: [/加密存储所获数据/] },
    { why: '范围: the granted items with labels, masked ones with their rule; others not named', input: base,
      zh: [/授权数据项（共 3 项）：登记证编号（registration_no）；持证单位（holder_name）；联系电话（phone）：脱敏（手机号脱敏）/, /数据分级 L2 低敏感/],
      notZh: [/经营地址/] },
    { why: '范围: the grant\'s masking makes an item stronger', input: with_({ conditions: { masking: { holder_name: 'redact' } } }),
      zh: [/持证单位（holder_name）：脱敏（全部遮盖）/] },
    { why: '范围: a structured row scope is spelled out', input: with_({ conditions: { rowScope: [{ item: 'address', op: 'prefix', values: ['泽州县'] }, { item: 'registration_no', op: 'in', values: ['A', 'B'] }] } }),
      zh: [/仅限同时满足以下条件的记录：经营地址以“泽州县”开头；登记证编号为“A”、“B”之一/], en: [/only records where 经营地址 starts with "泽州县" and 登记证编号 is one of "A", "B"/] },
    { why: '范围: a free-text row filter is quoted', input: with_({ conditions: { rowFilter: '仅本市登记的单位' } }), zh: [/仅限以下范围的记录：仅本市登记的单位/] },
    { why: '范围: no row scope means all records', input: base, zh: [/记录范围：授权数据项的全部记录/] },
    { why: '期限 with the §31 limits', input: base, zh: [/自 2026-01-05 起至 2027-06-30 止/, /超过三个月不使用/] },
    { why: '应用场景, not other scenarios (Sec §24)', input: base, zh: [/投资项目在线审批监管平台并联审批/, /未经授权不得用于其他场景（安全细则第二十四条）/] },
    { why: '安全保护措施: transfer, masking, audit, destruction', input: base, zh: [/安全细则第二十六条/, /不得以任何方式还原或重新识别/, /留存不少于六个月/, /安全细则第二十九条/] },
    { why: 'L3 and above adds controlled use', input: with_({ entry: { ...base.entry, grade: 3 } }), zh: [/较敏感及以上或重要数据：限定专人/] },
    { why: 'important data adds controlled use too', input: with_({ entry: { ...base.entry, important: true } }), zh: [/属重要数据/, /重要数据境内存储/] },
    { why: 'L2 ordinary data does not', input: base, zh: [/责任义务/], notZh: [/限定专人/] },
    { why: '责任义务 of each party (§32, §39, §40, Sec §34)', input: base, zh: [/5 个工作日内校核更正/, /不得直接或间接改变数据形式后提供给第三方/, /有权收回授权（共享细则第四十条）/, /安全细则第三十四条/] },
    { why: 'the governing articles', input: base, zh: [/《晋城市政务数据资源共享管理实施细则》第二十条/, /《晋城市政务数据安全管理实施细则》第四条.*第二十七条/], en: [/data-security rules §4, §17/] },
  ];
  for (const c of cases) {
    it(c.why, () => {
      const text = zh(c.input);
      for (const re of c.zh) assert.match(text, re);
      for (const re of c.notZh ?? []) assert.doesNotMatch(text, re);
      for (const re of c.en ?? []) assert.match(en(c.input), re);
    });
  }

  it('has the clauses of §27 in order, each in both languages', () => {
    const clauses = agreementClauses(base);
    assert.deepEqual(clauses.map((c) => c.key), ['parties', 'purpose', 'method', 'scope', 'period', 'scenario', 'protection', 'responsibilities', 'articles', 'effect']);
    for (const c of clauses) {
      for (const l of c.lines) {
        assert.ok(l.zh && l.en, c.key);
      }
    }
    assert.match(zh(base), /^数据安全协议\n\n特种行业许可信息（晋城市公安局 → 晋城市发展和改革委员会）\n\n一、协议主体/);
    assert.match(en(base), /\n\n1\. Parties\n/);
  });

  it('is a pure function of the grant: the same grant gives the same text', () => {
    assert.equal(zh(base), zh(structuredClone(base)));
    assert.notEqual(zh(base), zh(with_({ validUntil: '2027-06-29' })));
  });
});
