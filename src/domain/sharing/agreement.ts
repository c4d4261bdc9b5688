/**
 * 数据安全协议 — the data-security agreement every grant carries (security rules §27: 明确数据授权使用的
 * 主体、用途、方式、范围、期限、应用场景、安全保护措施和责任义务等，与使用单位签订数据安全协议).
 * Generated from the grant and the grading rule set in force when it is made (whose defaults mask a
 * sensitive item the entry left without a rule, security rules §16), so the same inputs always yield
 * the same text: the Chinese text binds, the English one is its rendering. Pure; stored with its hash
 * when the grant is made.
 */
import { GRADE_LABELS, MASKING_RULE_LABELS, SHARE_METHOD_LABELS, SHARE_TYPE_LABELS } from '../catalog/labels.ts';
import type { DataItem, Grade, ShareMethod, ShareType } from '../catalog/types.ts';
import type { GradingRuleSet } from '../grading/types.ts';
import { effectiveMasking } from '../policy/row-policy.ts';
import { rowScopeOf, type RowCondition } from '../policy/row-scope.ts';

export interface AgreementInput {
  grantId: string;
  providerName: string;
  consumerName: string;
  /** The data authority of the entry's region, which runs the platform (§38). */
  authorityName: string;
  entry: { name: string; code: string | null; grade: Grade; important: boolean; shareType: ShareType; items: readonly DataItem[] };
  items: readonly string[];
  method: ShareMethod;
  conditions: unknown;
  purpose: string;
  scenario: string;
  basis: string | null;
  validFrom: string;
  validUntil: string;
  /** The grading rule set in force (security rules §16). */
  grading: GradingRuleSet;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface AgreementClause {
  key: 'parties' | 'purpose' | 'method' | 'scope' | 'period' | 'scenario' | 'protection' | 'responsibilities' | 'articles' | 'effect';
  title: Bilingual;
  lines: Bilingual[];
}

/** The articles the agreement rests on. */
export const GOVERNING_ARTICLES: readonly Bilingual[] = [
  { zh: '《晋城市政务数据资源共享管理实施细则》第二十条、第二十二条、第二十九条、第三十一条、第三十二条、第三十八条、第三十九条、第四十条',
    en: 'Jincheng data-sharing rules §20, §22, §29, §31, §32, §38, §39, §40' },
  { zh: '《晋城市政务数据安全管理实施细则》第四条、第十七条、第二十三条、第二十四条、第二十五条、第二十六条、第二十七条、第二十九条、第三十四条',
    en: 'Jincheng data-security rules §4, §17, §23, §24, §25, §26, §27, §29, §34' },
];

const METHOD_HOW: Record<ShareMethod, Bilingual> = {
  api: { zh: '由使用方的应用系统以平台签发的应用密钥签名调用数据接口，按需逐次获取', en: 'the consumer\'s application calls the data API, each request signed with its platform-issued key' },
  table: { zh: '由平台自提供方前置库向使用方数据库同步（全量或增量）', en: 'the platform syncs the table from the provider\'s front-end database into the consumer\'s database (full or incremental)' },
  file: { zh: '由使用方经平台下载授权范围内的文件', en: 'the consumer downloads the granted files through the platform' },
  verify: { zh: '由使用方提交待核验的数据，平台仅返回是否一致，使用方不获取原始数据（第二十二条）', en: 'the consumer submits values to check; the platform answers match or mismatch only and never returns the data (§22)' },
};

const OP_TEXT: Record<RowCondition['op'], (v: string[]) => Bilingual> = {
  eq: (v) => ({ zh: `等于“${v[0]}”`, en: `equals "${v[0]}"` }),
  in: (v) => ({ zh: `为${v.map((x) => `“${x}”`).join('、')}之一`, en: `is one of ${v.map((x) => `"${x}"`).join(', ')}` }),
  prefix: (v) => ({ zh: `以“${v[0]}”开头`, en: `starts with "${v[0]}"` }),
  gte: (v) => ({ zh: `不小于“${v[0]}”`, en: `is at least "${v[0]}"` }),
  lte: (v) => ({ zh: `不大于“${v[0]}”`, en: `is at most "${v[0]}"` }),
};

const line = (zh: string, en: string): Bilingual => ({ zh, en });

function scopeLines(input: AgreementInput): Bilingual[] {
  const byName = new Map(input.entry.items.map((i) => [i.name, i]));
  const granted = input.items.map((name) => byName.get(name) ?? { name, label: name, type: 'string' as const });
  const conditions = (input.conditions ?? {}) as { masking?: Record<string, string>; rowFilter?: string };
  const { masking } = effectiveMasking(granted, input.grading, conditions.masking);
  const itemText = granted.map((item) => {
    const rule = masking.get(item.name);
    const masked = rule && rule.rule !== 'none';
    const param = rule?.param !== undefined ? `，N=${rule.param}` : '';
    const paramEn = rule?.param !== undefined ? `, N=${rule.param}` : '';
    return {
      zh: `${item.label}（${item.name}）${masked ? `：脱敏（${MASKING_RULE_LABELS[rule.rule].zh}${param}）` : ''}`,
      en: `${item.label} (${item.name})${masked ? `: masked (${MASKING_RULE_LABELS[rule.rule].en}${paramEn})` : ''}`,
    };
  });
  const rows = rowScopeOf(input.conditions);
  const words = conditions.rowFilter?.trim();
  const rowText: Bilingual = rows.length
    ? {
      zh: `仅限同时满足以下条件的记录：${rows.map((c) => `${byName.get(c.item)?.label ?? c.item}${OP_TEXT[c.op](c.values).zh}`).join('；')}${words ? `（${words}）` : ''}`,
      en: `only records where ${rows.map((c) => `${byName.get(c.item)?.label ?? c.item} ${OP_TEXT[c.op](c.values).en}`).join(' and ')}${words ? ` (${words})` : ''}`,
    }
    : words
      ? { zh: `仅限以下范围的记录：${words}`, en: `only records within: ${words}` }
      : { zh: '授权数据项的全部记录', en: 'all records of the granted items' };
  const grade = GRADE_LABELS[input.entry.grade];
  return [
    line(`数据资源：${input.entry.name}${input.entry.code ? `（目录编码 ${input.entry.code}）` : ''}，${SHARE_TYPE_LABELS[input.entry.shareType].zh}，数据分级 ${grade.zh}${input.entry.important ? '，属重要数据' : ''}。`,
      `Data resource: ${input.entry.name}${input.entry.code ? ` (catalog code ${input.entry.code})` : ''}, ${SHARE_TYPE_LABELS[input.entry.shareType].en.toLowerCase()}, grade ${grade.en}${input.entry.important ? ', important data' : ''}.`),
    line(`授权数据项（共 ${granted.length} 项）：${itemText.map((t) => t.zh).join('；')}。`, `Granted items (${granted.length}): ${itemText.map((t) => t.en).join('; ')}.`),
    line(`记录范围：${rowText.zh}。`, `Records: ${rowText.en}.`),
    line('授权范围以外的数据项和记录，使用方不得获取、推测或要求提供。', 'The consumer may not obtain, infer or ask for items or records outside this scope.'),
  ];
}

function protectionLines(input: AgreementInput): Bilingual[] {
  const out: Bilingual[] = [
    line('传输：经平台的安全可信通道传输，接口调用逐次签名并防重放（安全细则第二十六条）。', 'Transfer: over the platform\'s trusted, encrypted channel; every API call signed and replay-protected (security rules §26).'),
    line('脱敏：按上述规则脱敏后提供，使用方不得以任何方式还原或重新识别（安全细则第二十五条、第二十七条）。', 'Masking: data is delivered masked as above; the consumer may not reverse or re-identify it by any means (security rules §25, §27).'),
    line('访问控制与审计：使用方落实用户权限管理、访问控制和日志审计；平台记录每一次数据访问，留存不少于六个月（共享细则第三十八条、安全细则第十七条）。', 'Access control and audit: the consumer manages user rights, access control and logs; the platform records every access and keeps the records at least six months (sharing rules §38, security rules §17).'),
  ];
  if (input.method === 'table' || input.method === 'file') {
    out.push(line(`存储：使用方以与数据分级（${GRADE_LABELS[input.entry.grade].zh}）相匹配的方式加密存储所获数据（安全细则第二十三条）。`,
      `Storage: the consumer stores the data encrypted as its grade (${GRADE_LABELS[input.entry.grade].en}) requires (security rules §23).`));
  }
  if (input.entry.grade >= 3 || input.entry.important) {
    out.push(line('较敏感及以上或重要数据：限定专人、在受控环境中使用，不得下载至移动存储介质，重要数据境内存储（安全细则第十八条、第二十三条）。',
      'Moderately sensitive or higher, or important data: used only by named staff in a controlled environment, never copied to removable media, stored within China (security rules §18, §23).'));
  }
  out.push(line('期满或授权收回后：使用方停止使用，并按数据销毁制度销毁已获取的数据，留存记录备查（安全细则第二十九条）。',
    'When the grant ends or is revoked: the consumer stops using the data and destroys what it holds under its destruction procedure, keeping the record (security rules §29).'));
  return out;
}

/** The agreement's clauses, in the order of security rules §27. */
export function agreementClauses(input: AgreementInput): AgreementClause[] {
  const method = SHARE_METHOD_LABELS[input.method];
  return [
    { key: 'parties', title: line('协议主体', 'Parties'), lines: [
      line(`提供方（甲方）：${input.providerName}`, `Provider (Party A): ${input.providerName}`),
      line(`使用方（乙方）：${input.consumerName}`, `Consumer (Party B): ${input.consumerName}`),
      line(`平台管理方：${input.authorityName}（政务数据主管部门）`, `Platform: ${input.authorityName} (the data authority)`),
      line(`依据授权：${input.grantId}`, `Under grant: ${input.grantId}`),
    ] },
    { key: 'purpose', title: line('使用用途', 'Purpose'), lines: [
      line(input.purpose, input.purpose),
      ...(input.basis ? [line(`履职依据：${input.basis}`, `Legal basis: ${input.basis}`)] : []),
      line('仅限上述用途，不得用于其他目的（共享细则第三十九条）。', 'For this purpose only, never another (sharing rules §39).'),
    ] },
    { key: 'method', title: line('使用方式', 'Method'), lines: [
      line(`${method.zh}：${METHOD_HOW[input.method].zh}。`, `${method.en}: ${METHOD_HOW[input.method].en}.`),
    ] },
    { key: 'scope', title: line('使用范围', 'Scope'), lines: scopeLines(input) },
    { key: 'period', title: line('使用期限', 'Period'), lines: [
      line(`自 ${input.validFrom} 起至 ${input.validUntil} 止，期满须重新申请（共享细则第三十一条，最长三年）。`,
        `From ${input.validFrom} to ${input.validUntil}; afterwards a new request is needed (sharing rules §31, at most three years).`),
      line('获得授权后超过三个月不使用的，提供方或政务数据主管部门可收回授权（共享细则第三十一条）。',
        'Unused for more than three months, the grant may be revoked by the provider or the data authority (sharing rules §31).'),
    ] },
    { key: 'scenario', title: line('应用场景', 'Scenario'), lines: [
      line(input.scenario, input.scenario),
      line('未经授权不得用于其他场景（安全细则第二十四条）。', 'Not to be used in any other scenario without a grant (security rules §24).'),
    ] },
    { key: 'protection', title: line('安全保护措施', 'Protection measures'), lines: protectionLines(input) },
    { key: 'responsibilities', title: line('责任义务', 'Responsibilities'), lines: [
      line('提供方按照“谁主管、谁提供、谁负责”的原则确保数据准确，收到使用方的异议后 5 个工作日内校核更正（共享细则第三十二条、第三十九条）。',
        'The provider answers for the accuracy of its data ("who governs, provides and answers") and verifies and corrects it within 5 working days of an objection (sharing rules §32, §39).'),
      line('使用方按照“谁经手、谁使用、谁管理、谁负责”的原则，按照授权的方式和范围使用，不得超范围使用，不得直接或间接改变数据形式后提供给第三方（共享细则第三十九条，安全细则第四条、第二十四条、第二十五条）。',
        'The consumer answers for its use ("who handles, uses and manages answers"), uses the data only as granted, never beyond the scope, and never passes it on to a third party, directly or in another form (sharing rules §39; security rules §4, §24, §25).'),
      line('使用方因使用不当或未按规定使用造成的安全问题由使用方承担，提供方或政务数据主管部门有权收回授权（共享细则第四十条）。',
        'Security problems caused by improper use are the consumer\'s; the provider or the data authority may revoke the grant (sharing rules §40).'),
      line('发生数据泄露、毁损、丢失等安全事件的，使用方立即启动应急预案、采取补救措施，并及时报告（安全细则第三十四条）。',
        'On a leak, damage or loss of the data the consumer starts its emergency plan at once, takes remedial measures and reports without delay (security rules §34).'),
      line(`${input.authorityName}负责平台的安全管理防护和全流程审计（共享细则第三十八条）。`,
        `${input.authorityName} secures the platform and audits the whole process (sharing rules §38).`),
    ] },
    { key: 'articles', title: line('依据条款', 'Governing articles'), lines: [...GOVERNING_ARTICLES] },
    { key: 'effect', title: line('生效', 'Effect'), lines: [
      line('本协议由平台依据授权生成，文本及其摘要存档不可更改；使用方接受后生效，接受前不得使用授权数据（安全细则第二十七条）。',
        'The platform generates this agreement from the grant; its text and digest are archived unchangeable. It takes effect when the consumer accepts it; no data is used before (security rules §27).'),
    ] },
  ];
}

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The full text in one language: a title, then the numbered clauses. */
export function agreementText(input: AgreementInput, lang: 'zh' | 'en'): string {
  const clauses = agreementClauses(input);
  const head = lang === 'zh' ? `数据安全协议\n\n${input.entry.name}（${input.providerName} → ${input.consumerName}）` : `Data-security agreement\n\n${input.entry.name} (${input.providerName} → ${input.consumerName})`;
  const body = clauses.map((c, i) => {
    const title = lang === 'zh' ? `${ZH_NUMERALS[i]}、${c.title.zh}` : `${i + 1}. ${c.title.en}`;
    return [title, ...c.lines.map((l) => `  ${l[lang]}`)].join('\n');
  });
  return [head, ...body].join('\n\n');
}
