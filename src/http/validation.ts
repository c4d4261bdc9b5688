/**
 * Request validation: bodies are checked strictly (unknown fields are an error, nothing is coerced or
 * silently dropped); query strings and path parameters are coerced from text, as they must be.
 * Ajv's errors are turned into problems that name the field in Chinese and English: every keyword the
 * schemas use has its own wording in both languages (Ajv's English `message` never reaches a user), and
 * the Chinese text names the field by the Chinese name its schema's `description` gives, where it gives one.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { badRequest, type AppError, type Problem } from './errors.ts';

const common = { allErrors: true, removeAdditional: false, strict: false, useDefaults: true } as const;
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
for (const ajv of [bodyAjv, textAjv]) addFormats.default(ajv);

/** An Ajv error with the Chinese name of the field it is about, when its schema says one. */
export type FieldError = ErrorObject & { label?: string };

/**
 * Ajv's function, wrapped only to name the fields of its errors from the schema (Ajv's `verbose` would
 * do it too, but puts the rejected value — a password, say — into the error object, where a log could
 * pick it up). `schemaEnv` is kept: Fastify passes the parent data to such a function so a coerced
 * root value is written back.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
  const check = ((data: unknown, ctx?: never) => {
    const ok = validate(data, ctx);
    check.errors = ok ? null : (validate.errors ?? []).map((e): FieldError => ({ ...e, label: fieldLabel(schema, e) }));
    return ok;
  }) as ValidateFunction;
  check.schemaEnv = validate.schemaEnv;
  check.schema = validate.schema;
  return check;
};

/**
 * The Chinese name in a schema description: '数据资源名称', '摘要', '所属基础数据库 (§14)',
 * '认证请求头名称，默认 Authorization / …' name a field; a sentence ('可选：须为已上传的当前版本'),
 * a mapping ('数据项 → 列') or English text do not, and give none — the path alone is then clear enough.
 */
export function chineseName(description: unknown): string | undefined {
  if (typeof description !== 'string') return undefined;
  const zh = description.split(/\s*\/\s/)[0]!.trim();
  const m = /^([\u4e00-\u9fff/、]{1,12})(?:\s+[!-~–]+)?(?:\s*[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)])?(?:\s*[，,；;].*)?$/u.exec(zh);
  return m && !m[1]!.startsWith('/') && !m[1]!.endsWith('/') ? m[1] : undefined;
}

/**
 * The description of the schema the error is about: the keyword's own schema, or — through unions
 * and array items, which describe the same field — the nearest one above it; for a missing property,
 * the property's schema.
 */
export function fieldLabel(root: unknown, error: ErrorObject): string | undefined {
  const segs = error.schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const chain: unknown[] = [root];
  for (const seg of segs.slice(0, -1)) chain.push((chain.at(-1) as Record<string, unknown> | undefined)?.[seg]);
  if (error.keyword === 'required') {
    const props = (chain.at(-1) as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties;
    return chineseName(props?.[String((error.params as { missingProperty?: unknown }).missingProperty)]?.description);
  }
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') return undefined;
  // Walk up while the schemas still describe the same value: stop on leaving it through `properties/<name>`.
  for (let i = chain.length - 1; i >= 0; i--) {
    const name = chineseName((chain[i] as { description?: unknown } | undefined)?.description);
    if (name) return name;
    if (segs[i - 2] === 'properties' || segs[i - 1] === 'properties') break;
  }
  return undefined;
}

/** `body.items[2].name` from Ajv's `/items/2/name`. */
function fieldPath(part: string, error: ErrorObject): string {
  let path = part;
  for (const seg of error.instancePath.split('/').slice(1)) {
    path += /^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  }
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired' || error.keyword === 'dependencies') path += `.${String(p.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `.${String(p.additionalProperty)}`;
  if (error.keyword === 'unevaluatedProperties') path += `.${String(p.unevaluatedProperty)}`;
  return path;
}

const TYPE_NAMES: Record<string, [zh: string, en: string]> = {
  string: ['文本', 'text'],
  integer: ['整数', 'an integer'],
  number: ['数字', 'a number'],
  boolean: ['布尔值（true 或 false）', 'true or false'],
  object: ['对象', 'an object'],
  array: ['数组（列表）', 'an array'],
  null: ['null', 'null'],
};
const typeName = (t: string, lang: 0 | 1) => TYPE_NAMES[t]?.[lang] ?? t;

const FORMAT_NAMES: Record<string, [zh: string, en: string]> = {
  uuid: ['UUID 格式的编号', 'a UUID'],
  'date-time': ['日期时间（ISO 8601，如 2024-03-01T09:00:00+08:00）', 'an ISO 8601 date-time such as 2024-03-01T09:00:00+08:00'],
  date: ['日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)'],
  time: ['时间（HH:MM:SS）', 'a time (HH:MM:SS)'],
  email: ['电子邮件地址', 'an email address'],
  uri: ['完整的网址（URI）', 'an absolute URI'],
  url: ['完整的网址（URL）', 'an absolute URL'],
  ipv4: ['IPv4 地址', 'an IPv4 address'],
  ipv6: ['IPv6 地址', 'an IPv6 address'],
  hostname: ['主机名', 'a host name'],
};

const COMPARISONS: Record<string, [zh: string, en: string]> = {
  '>=': ['不能小于', 'must be at least'],
  '<=': ['不能大于', 'must be at most'],
  '>': ['须大于', 'must be greater than'],
  '<': ['须小于', 'must be less than'],
};

/** `摘要（body.summary）` when the schema names the field, else `body.summary `: what the Chinese text starts with. */
const subjectOf = (field: string, label: string | undefined) => (label ? `${label}（${field}）` : `${field} `);

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * One problem per Ajv error: `field` is the path (the web marks form fields by it), `zh` names the
 * field by its Chinese name too when it has one. Every keyword has its own Chinese and English text;
 * one without its own gets a generic text in both languages that still names the field and the rule.
 */
export function problemOf(part: string, error: FieldError): Problem {
  const field = fieldPath(part, error);
  const subject = subjectOf(field, error.label);
  const p = error.params as Record<string, unknown>;
  const say = (zh: string, en: string): Problem => ({ field, zh: `${subject}${zh}`, en: `${field} ${en}` });
  switch (error.keyword) {
    case 'required':
      return { field, zh: `缺少必填字段 ${subject.trimEnd()}`, en: `${field} is required` };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { field, zh: `不允许的字段 ${field}`, en: `unknown field ${field}` };
    case 'false schema':
      return { field, zh: `不允许的字段 ${field}`, en: `${field} is not allowed` };
    case 'enum':
      return oneOfValues(field, subject, p.allowedValues as unknown[], []);
    case 'const':
      return oneOfValues(field, subject, [p.allowedValue], []);
    case 'type': {
      const types = String(p.type).split(',');
      return say(`须为${types.map((t) => typeName(t, 0)).join('或')}`, `must be ${types.map((t) => typeName(t, 1)).join(' or ')}`);
    }
    case 'minLength':
      return Number(p.limit) === 1
        ? say('不能为空', 'must not be empty')
        : say(`至少 ${String(p.limit)} 个字符`, `needs at least ${String(p.limit)} characters`);
    case 'maxLength':
      return say(`最多 ${String(p.limit)} 个字符`, `allows at most ${String(p.limit)} characters`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const [zh, en] = COMPARISONS[String(p.comparison)] ?? [`须 ${String(p.comparison)}`, `must be ${String(p.comparison)}`];
      return say(`${zh} ${String(p.limit)}`, `${en} ${String(p.limit)}`);
    }
    case 'multipleOf':
      return say(`须为 ${String(p.multipleOf)} 的整数倍`, `must be a multiple of ${String(p.multipleOf)}`);
    case 'minItems':
      return Number(p.limit) === 1
        ? say('至少须有 1 项', 'needs at least 1 entry')
        : say(`至少 ${String(p.limit)} 项`, `needs at least ${String(p.limit)} entries`);
    case 'maxItems':
      return say(`最多 ${String(p.limit)} 项`, `allows at most ${String(p.limit)} entries`);
    case 'uniqueItems':
      return say(`第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项重复`, `has a duplicate: entries ${Number(p.j) + 1} and ${Number(p.i) + 1} are the same`);
    case 'minProperties':
      return Number(p.limit) === 1
        ? say('至少须填写一个字段', 'needs at least one field')
        : say(`至少须填写 ${String(p.limit)} 个字段`, `needs at least ${String(p.limit)} fields`);
    case 'maxProperties':
      return say(`最多 ${String(p.limit)} 个字段`, `allows at most ${String(p.limit)} fields`);
    case 'dependentRequired':
    case 'dependencies':
      return { field, zh: `填写 ${String(p.property)} 时须同时填写 ${field}`, en: `${field} is required when ${String(p.property)} is given` };
    case 'propertyNames':
      return say(`含不允许的字段名 ${String(p.propertyName)}`, `has a field name that is not allowed: ${String(p.propertyName)}`);
    case 'format': {
      const [zh, en] = FORMAT_NAMES[String(p.format)] ?? [`${String(p.format)} 格式`, `in ${String(p.format)} format`];
      return say(`格式不正确，须为${zh}`, `has an invalid format: it must be ${en}`);
    }
    case 'pattern':
      return say('格式不正确', 'has an invalid format');
    case 'contains':
      return say('须至少有一项符合要求', 'must contain at least one valid entry');
    case 'not':
      return say('的取值不被允许', 'has a value that is not allowed');
    case 'anyOf':
    case 'oneOf':
      return p.passingSchemas
        ? say('同时符合多种互斥的形式', 'matches more than one of the exclusive forms')
        : say('不符合任何一种允许的形式', 'matches none of the allowed forms');
    default:
      return say(`不符合要求（校验规则 ${error.keyword}）`, `is invalid (rule ${error.keyword})`);
  }
}

/** `须为 a | b`: the values an enum, a union of literals or a nullable one allows. */
function oneOfValues(field: string, subject: string, values: unknown[], types: string[]): Problem {
  if (!types.length) {
    const list = values.map(shown).join(' | ');
    return { field, zh: `${subject}的取值须为 ${list}`, en: `${field} must be one of ${list}` };
  }
  const zh = [...values.map(shown), ...types.map((t) => typeName(t, 0))].join(' | ');
  const en = [...values.map(shown), ...types.map((t) => typeName(t, 1))].join(' | ');
  return { field, zh: `${subject}须为 ${zh}`, en: `${field} must be ${values.length ? 'one of ' : ''}${en}` };
}

/**
 * A union of literals (`Type.Union([Type.Literal('a'), …])`) or a nullable value fails with one error per
 * branch plus the anyOf; those say one thing together: "须为 a | b | null". A union of objects keeps its
 * branches' own errors, which say more than the summary.
 */
function mergedUnion(part: string, union: FieldError, errors: FieldError[]): { problem: Problem; used: Set<FieldError> } | undefined {
  const branches = errors.filter((e) => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`));
  const simple = ['type', 'const', 'enum'];
  if (!branches.length || !branches.every((e) => simple.includes(e.keyword) && e.instancePath === union.instancePath)) return undefined;
  const values: unknown[] = [];
  const types: string[] = [];
  for (const e of branches) {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'const') values.push(p.allowedValue);
    else if (e.keyword === 'enum') values.push(...(p.allowedValues as unknown[]));
    else types.push(...String(p.type).split(','));
  }
  const label = union.label ?? branches.find((e) => e.label)?.label;
  const field = fieldPath(part, union);
  const problem = oneOfValues(field, subjectOf(field, label), values, types);
  return { problem, used: new Set([union, ...branches]) };
}

export function validationError(part: string, errors: FieldError[]): AppError {
  const used = new Set<FieldError>();
  const merged = new Map<FieldError, Problem>();
  for (const e of errors) {
    if ((e.keyword !== 'anyOf' && e.keyword !== 'oneOf') || used.has(e)) continue;
    const m = mergedUnion(part, e, errors);
    if (!m) continue;
    merged.set(e, m.problem);
    for (const u of m.used) used.add(u);
  }
  // `contains` and `propertyNames` say what is wrong; the errors of their subschema, found on entries
  // or names that need not match, only confuse.
  for (const e of errors) {
    if (e.keyword === 'contains' || e.keyword === 'propertyNames') {
      for (const sub of errors) if (sub.schemaPath.startsWith(`${e.schemaPath}/`)) used.add(sub);
    }
  }
  // Other anyOf/oneOf errors sit on top of their branches' specific ones, which say more.
  const rest = errors.filter((e) => !used.has(e));
  const specific = rest.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const shownErrors = new Set(merged.size || specific.length ? specific : rest);
  const problems = errors.flatMap((e) => (merged.has(e) ? [merged.get(e)!] : shownErrors.has(e) ? [problemOf(part, e)] : []));
  const first = problems[0]!;
  return badRequest('VALIDATION_FAILED', first.zh, first.en, problems);
}
