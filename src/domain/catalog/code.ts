/**
 * 统一编码 — the unified resource code the authority gives an entry at its first publication (§13).
 *
 * §13 makes the coding rule the authority's own document (《晋城市政务数据资源目录编码规范》), so the
 * platform does not hard-wire one: a rule is a pattern string stored as configuration.
 *
 * Pattern placeholders (all fixed width, digits only, so a code parses back without ambiguity):
 *   {kind}     1 digit — 资源分类（类）: 1 基础 / 2 主题 / 3 部门
 *   {item}     2 digits — 项, '00' when the entry has none
 *   {subItem}  3 digits — 目, '000' when the entry has none
 *   {region}   6 digits — 行政区划代码 of the entry's region (e.g. 140500 晋城市, 140525 泽州县)
 *   {seq:N}    N digits (1–12) — sequence number, zero-padded; required, exactly once
 * Anything else is literal text, limited to A–Z a–z 0–9 . _ - / so codes are safe in file names and
 * (URL-encoded) paths.
 *
 * Default: '{kind}{item}{subItem}/{seq:6}' — a department entry in 项 01 目 020 with sequence 42 is
 * '301020/000042'.
 */
import { CATEGORY_KINDS, type Category, type CategoryKind } from './types.ts';

export interface CodingRule {
  pattern: string;
}

export const DEFAULT_CODING_RULE: CodingRule = { pattern: '{kind}{item}{subItem}/{seq:6}' };

/** The digit of each 类 in a code. */
export const CATEGORY_KIND_DIGITS: { readonly [K in CategoryKind]: string } = {
  basic: '1',
  theme: '2',
  department: '3',
};

export const SEQ_WIDTH_MIN = 1;
/** 12 digits stays far inside Number.MAX_SAFE_INTEGER. */
export const SEQ_WIDTH_MAX = 12;
export const PATTERN_MAX_LENGTH = 100;

export interface CodeError {
  code: string;
  zh: string;
  en: string;
}

/** Thrown by formatCode / classificationPrefix: the rule or the inputs cannot make a code. */
export class CodingError extends Error {
  readonly code: string;
  readonly zh: string;
  constructor(e: CodeError) {
    super(e.en);
    this.name = 'CodingError';
    this.code = e.code;
    this.zh = e.zh;
  }
  get en(): string {
    return this.message;
  }
}

type Token =
  | { t: 'literal'; text: string }
  | { t: 'kind' | 'item' | 'subItem' | 'region' }
  | { t: 'seq'; width: number };

const FIXED_WIDTH = { kind: 1, item: 2, subItem: 3, region: 6 } as const;
const LITERAL = /^[A-Za-z0-9._\/-]*$/;

/** Splits a pattern into tokens, collecting every problem (so the authority sees them all at once). */
function tokenize(pattern: string): { tokens: Token[]; errors: CodeError[] } {
  const tokens: Token[] = [];
  const errors: CodeError[] = [];
  if (pattern.trim() === '') {
    return { tokens, errors: [{ code: 'CODING_RULE_EMPTY', zh: '编码规则不能为空', en: 'The coding rule is empty' }] };
  }
  if (pattern.length > PATTERN_MAX_LENGTH) {
    errors.push({
      code: 'CODING_RULE_TOO_LONG',
      zh: `编码规则不能超过 ${PATTERN_MAX_LENGTH} 个字符`,
      en: `The coding rule must not exceed ${PATTERN_MAX_LENGTH} characters`,
    });
  }
  const seen = new Set<string>();
  const addLiteral = (text: string): void => {
    if (text === '') return;
    if (text.includes('{') || text.includes('}')) {
      errors.push({
        code: 'CODING_RULE_UNBALANCED_BRACE',
        zh: `编码规则中的花括号不成对：「${text}」`,
        en: `Unbalanced brace in the coding rule: "${text}"`,
      });
    } else if (!LITERAL.test(text)) {
      errors.push({
        code: 'CODING_RULE_BAD_LITERAL',
        zh: `编码规则中的固定文字只能使用字母、数字和 . _ - /：「${text}」`,
        en: `Literal text in the coding rule may only use letters, digits and . _ - /: "${text}"`,
      });
    }
    tokens.push({ t: 'literal', text });
  };
  const placeholder = /\{([^{}]*)\}/g;
  let last = 0;
  for (const m of pattern.matchAll(placeholder)) {
    addLiteral(pattern.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1] ?? '';
    const seq = /^seq:(\d+)$/.exec(name);
    const key = seq ? 'seq' : name;
    if (seen.has(key)) {
      errors.push({
        code: 'CODING_RULE_DUPLICATE_PLACEHOLDER',
        zh: `编码规则中占位符 {${key}} 只能出现一次`,
        en: `Placeholder {${key}} may appear only once in the coding rule`,
      });
      continue;
    }
    seen.add(key);
    if (seq) {
      const width = Number(seq[1]);
      if (width < SEQ_WIDTH_MIN || width > SEQ_WIDTH_MAX) {
        errors.push({
          code: 'CODING_RULE_SEQ_WIDTH',
          zh: `顺序号位数应为 ${SEQ_WIDTH_MIN}–${SEQ_WIDTH_MAX} 位：{${name}}`,
          en: `Sequence width must be ${SEQ_WIDTH_MIN}–${SEQ_WIDTH_MAX} digits: {${name}}`,
        });
      }
      tokens.push({ t: 'seq', width });
    } else if (name === 'kind' || name === 'item' || name === 'subItem' || name === 'region') {
      tokens.push({ t: name });
    } else if (name === 'seq') {
      errors.push({
        code: 'CODING_RULE_SEQ_WIDTH',
        zh: '顺序号须写明位数，如 {seq:6}',
        en: 'The sequence needs a width, e.g. {seq:6}',
      });
    } else {
      errors.push({
        code: 'CODING_RULE_UNKNOWN_PLACEHOLDER',
        zh: `编码规则中有未知占位符 {${name}}；可用 {kind} {item} {subItem} {region} {seq:N}`,
        en: `Unknown placeholder {${name}} in the coding rule; use {kind} {item} {subItem} {region} {seq:N}`,
      });
    }
  }
  addLiteral(pattern.slice(last));
  if (!seen.has('seq')) {
    errors.push({
      code: 'CODING_RULE_NO_SEQ',
      zh: '编码规则必须包含顺序号 {seq:N}，否则编码不能唯一',
      en: 'The coding rule must contain a sequence {seq:N}, otherwise codes are not unique',
    });
  }
  return { tokens, errors };
}

/** Problems with a coding-rule pattern; empty when the pattern is usable. */
export function validateCodingRule(pattern: string): CodeError[] {
  return tokenize(pattern).errors;
}

function compile(rule: CodingRule): Token[] {
  const { tokens, errors } = tokenize(rule.pattern);
  const first = errors[0];
  if (first) throw new CodingError(first);
  return tokens;
}

export interface CodeOptions {
  /** 6-digit 行政区划代码 of the entry's region; required when the rule has {region}. */
  region?: string;
}

function categoryDigits(category: Category): { kind: string; item: string; subItem: string } {
  const kind = CATEGORY_KINDS.includes(category.kind) ? CATEGORY_KIND_DIGITS[category.kind] : undefined;
  const item = category.item ?? '00';
  const subItem = category.subItem ?? '000';
  const bad = (en: string, zh: string): CodingError => new CodingError({ code: 'CATEGORY_INVALID', zh, en });
  if (kind === undefined) throw bad(`Unknown category class "${String(category.kind)}"`, `资源分类（类）无效：「${String(category.kind)}」`);
  if (!/^\d{2}$/.test(item)) throw bad(`Category item must be 2 digits: "${item}"`, `资源分类（项）应为 2 位数字：「${item}」`);
  if (!/^\d{3}$/.test(subItem)) throw bad(`Category sub-item must be 3 digits: "${subItem}"`, `资源分类（目）应为 3 位数字：「${subItem}」`);
  if (item === '00' && subItem !== '000') throw bad('A sub-item (目) needs an item (项)', '有「目」必须先有「项」');
  return { kind, item, subItem };
}

function render(tokens: Token[], category: Category, opts: CodeOptions, seq: number | undefined): string {
  const digits = categoryDigits(category);
  let out = '';
  for (const tok of tokens) {
    switch (tok.t) {
      case 'literal': out += tok.text; break;
      case 'kind': out += digits.kind; break;
      case 'item': out += digits.item; break;
      case 'subItem': out += digits.subItem; break;
      case 'region': {
        const region = opts.region;
        if (region === undefined || region === '') {
          throw new CodingError({ code: 'REGION_REQUIRED', zh: '编码规则含 {region}，须提供行政区划代码', en: 'The coding rule has {region}: a region code is required' });
        }
        if (!/^\d{6}$/.test(region)) {
          throw new CodingError({ code: 'REGION_INVALID', zh: `行政区划代码应为 6 位数字：「${region}」`, en: `Region code must be 6 digits: "${region}"` });
        }
        out += region;
        break;
      }
      case 'seq':
        if (seq === undefined) return out;
        if (!Number.isSafeInteger(seq) || seq < 1 || String(seq).length > tok.width) {
          throw new CodingError({
            code: 'SEQ_OUT_OF_RANGE',
            zh: `顺序号 ${seq} 超出编码规则的 ${tok.width} 位范围（1–${'9'.repeat(tok.width)}）`,
            en: `Sequence ${seq} is outside the rule's ${tok.width}-digit range (1–${'9'.repeat(tok.width)})`,
          });
        }
        out += String(seq).padStart(tok.width, '0');
        break;
    }
  }
  return out;
}

/**
 * The part of the code before the sequence number, e.g. '301020/' under the default rule. The store
 * numbers entries per distinct prefix (next seq = highest seq under this prefix + 1): equal prefixes
 * then differ in seq, and different prefixes have the same length, so codes never collide.
 * Throws CodingError for an invalid rule or category, or a missing region.
 */
export function classificationPrefix(rule: CodingRule, category: Category, opts: CodeOptions = {}): string {
  return render(compile(rule), category, opts, undefined);
}

/** The full code. Throws CodingError for an invalid rule/category/region or a seq that does not fit. */
export function formatCode(rule: CodingRule, category: Category, seq: number, opts: CodeOptions = {}): string {
  return render(compile(rule), category, opts, seq);
}

/** What a code says, read back through the rule. Only the parts the rule contains are present. */
export interface ParsedCode {
  kind?: CategoryKind;
  /** Absent when the code carries '00'. */
  item?: string;
  /** Absent when the code carries '000'. */
  subItem?: string;
  region?: string;
  seq: number;
}

export type ParseResult = { ok: true; parsed: ParsedCode } | { ok: false; error: CodeError };

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');

/** Checks a code against the rule (e.g. a 关联资源代码 typed by an editor) and reads its parts. */
export function parseCode(rule: CodingRule, code: string): ParseResult {
  const { tokens, errors } = tokenize(rule.pattern);
  if (errors.length > 0) {
    return { ok: false, error: { code: 'CODING_RULE_INVALID', zh: '编码规则无效，无法校验编码', en: 'The coding rule is invalid; the code cannot be checked' } };
  }
  const source = tokens
    .map((tok) => {
      switch (tok.t) {
        case 'literal': return escapeRegExp(tok.text);
        case 'seq': return `(?<seq>\\d{${tok.width}})`;
        default: return `(?<${tok.t}>\\d{${FIXED_WIDTH[tok.t]}})`;
      }
    })
    .join('');
  const m = new RegExp(`^${source}$`).exec(code);
  const shown = rule.pattern.replace(/\{seq:(\d+)\}/, (_all, w: string) => 'N'.repeat(Number(w)));
  if (!m?.groups) {
    return { ok: false, error: { code: 'CODE_FORMAT', zh: `资源代码「${code}」不符合编码规则 ${shown}`, en: `Resource code "${code}" does not follow the coding rule ${shown}` } };
  }
  const g = m.groups;
  const parsed: ParsedCode = { seq: Number(g.seq) };
  if (g.kind !== undefined) {
    const kind = CATEGORY_KINDS.find((k) => CATEGORY_KIND_DIGITS[k] === g.kind);
    if (!kind) {
      return { ok: false, error: { code: 'CODE_KIND', zh: `资源代码「${code}」的分类位「${g.kind}」应为 1、2 或 3`, en: `Resource code "${code}": class digit "${g.kind}" must be 1, 2 or 3` } };
    }
    parsed.kind = kind;
  }
  if (g.item !== undefined && g.item !== '00') parsed.item = g.item;
  if (g.subItem !== undefined && g.subItem !== '000') {
    if (g.item === '00') {
      return { ok: false, error: { code: 'CODE_SUBITEM_WITHOUT_ITEM', zh: `资源代码「${code}」有「目」而无「项」`, en: `Resource code "${code}" has a sub-item but no item` } };
    }
    parsed.subItem = g.subItem;
  }
  if (g.region !== undefined) parsed.region = g.region;
  if (parsed.seq < 1) {
    return { ok: false, error: { code: 'CODE_SEQ_ZERO', zh: `资源代码「${code}」的顺序号不能为 0`, en: `Resource code "${code}": the sequence must not be 0` } };
  }
  return { ok: true, parsed };
}
