/**
 * Every validation error speaks Chinese in `zh` and English in `en`, whatever keyword failed: Ajv's own
 * English message never reaches a Chinese user. The guard at the end collects the keywords the route
 * schemas really use (from the OpenAPI document) so a schema taking up a new one fails here until it
 * has its wording.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import { forEachDatabase } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/http.ts';
import { basicWorld } from '../testing/make.ts';
import { chineseName, validationError, validatorCompiler, type FieldError } from './validation.ts';

const CJK = /[\u4e00-\u9fff]/;

/** Validates `data` against `schema` the way a route does and answers the 400 it would give. */
function refuse(schema: object, data: unknown, httpPart = 'body') {
  const check = validatorCompiler({ schema, httpPart, method: 'POST', url: '/x' }) as ValidateFunction;
  assert.equal(check(data), false, 'the sample must be invalid');
  const errors = check.errors as FieldError[];
  const error = validationError(httpPart, errors);
  return { error, ajvMessages: errors.map((e) => e.message ?? '').filter(Boolean) };
}

interface Case { keyword: string; schema: object; data: unknown; zh: RegExp; en: RegExp; field: string }

/** One invalid sample per Ajv error keyword: the keywords TypeBox schemas of this platform can raise, and the rest of JSON Schema's. */
const CASES: Case[] = [
  { keyword: 'required', schema: Type.Object({ name: Type.String({ description: '数据资源名称' }) }), data: {}, field: 'body.name', zh: /^缺少必填字段 数据资源名称（body\.name）$/, en: /^body\.name is required$/ },
  { keyword: 'additionalProperties', schema: Type.Object({}, { additionalProperties: false }), data: { admin: true }, field: 'body.admin', zh: /^不允许的字段 body\.admin$/, en: /^unknown field body\.admin$/ },
  { keyword: 'type', schema: Type.Object({ important: Type.Boolean({ description: '重要数据' }) }), data: { important: 'yes' }, field: 'body.important', zh: /^重要数据（body\.important）须为布尔值/, en: /must be true or false/ },
  { keyword: 'minLength', schema: Type.Object({ s: Type.String({ minLength: 1 }) }), data: { s: '' }, field: 'body.s', zh: /^body\.s 不能为空$/, en: /must not be empty/ },
  { keyword: 'minLength', schema: Type.Object({ s: Type.String({ minLength: 12 }) }), data: { s: 'abc' }, field: 'body.s', zh: /至少 12 个字符/, en: /at least 12 characters/ },
  { keyword: 'maxLength', schema: Type.Object({ summary: Type.String({ maxLength: 2, description: '摘要' }) }), data: { summary: 'abc' }, field: 'body.summary', zh: /^摘要（body\.summary）最多 2 个字符$/, en: /^body\.summary allows at most 2 characters$/ },
  { keyword: 'minimum', schema: Type.Object({ n: Type.Integer({ minimum: 1 }) }), data: { n: 0 }, field: 'body.n', zh: /不能小于 1/, en: /must be at least 1/ },
  { keyword: 'maximum', schema: Type.Object({ n: Type.Integer({ maximum: 10 }) }), data: { n: 11 }, field: 'body.n', zh: /不能大于 10/, en: /must be at most 10/ },
  { keyword: 'exclusiveMinimum', schema: Type.Object({ n: Type.Number({ exclusiveMinimum: 0 }) }), data: { n: 0 }, field: 'body.n', zh: /须大于 0/, en: /greater than 0/ },
  { keyword: 'exclusiveMaximum', schema: Type.Object({ n: Type.Number({ exclusiveMaximum: 1 }) }), data: { n: 1 }, field: 'body.n', zh: /须小于 1/, en: /less than 1/ },
  { keyword: 'multipleOf', schema: Type.Object({ n: Type.Number({ multipleOf: 5 }) }), data: { n: 7 }, field: 'body.n', zh: /5 的整数倍/, en: /multiple of 5/ },
  { keyword: 'pattern', schema: Type.Object({ regionCode: Type.String({ pattern: '^[0-9]{6}$' }) }), data: { regionCode: 'x' }, field: 'body.regionCode', zh: /格式不正确/, en: /invalid format/ },
  { keyword: 'format', schema: Type.Object({ id: Type.String({ format: 'uuid' }) }), data: { id: 'x' }, field: 'body.id', zh: /格式不正确，须为UUID/, en: /must be a UUID/ },
  { keyword: 'format', schema: Type.Object({ at: Type.String({ format: 'date-time' }) }), data: { at: 'yesterday' }, field: 'body.at', zh: /须为日期时间/, en: /date-time/ },
  { keyword: 'format', schema: Type.Object({ at: Type.String({ format: 'ipv4' }) }), data: { at: '1.2.3' }, field: 'body.at', zh: /IPv4 地址/, en: /IPv4 address/ },
  { keyword: 'enum', schema: Type.Object({ grade: Type.Unsafe({ enum: [1, 2, 3, 4], description: '分级 L1–L4' }) }), data: { grade: 5 }, field: 'body.grade', zh: /^分级（body\.grade）的取值须为 1 \| 2 \| 3 \| 4$/, en: /must be one of 1 \| 2 \| 3 \| 4/ },
  { keyword: 'const', schema: Type.Object({ v: Type.Literal('yes') }), data: { v: 'no' }, field: 'body.v', zh: /^body\.v 的取值须为 yes$/, en: /must be one of yes/ },
  { keyword: 'anyOf', schema: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]) }), data: { decision: 'maybe' }, field: 'body.decision', zh: /^body\.decision 的取值须为 approve \| reject$/, en: /must be one of approve \| reject/ },
  { keyword: 'anyOf', schema: Type.Object({ code: Type.Union([Type.String({ description: '关联资源代码' }), Type.Null()]) }), data: { code: 3 }, field: 'body.code', zh: /^关联资源代码（body\.code）须为 文本 \| null$/, en: /must be text \| null/ },
  { keyword: 'oneOf', schema: { type: 'object', properties: { v: { oneOf: [{ type: 'integer' }, { type: 'number' }] } } }, data: { v: 1 }, field: 'body.v', zh: /同时符合多种互斥的形式/, en: /more than one/ },
  { keyword: 'minItems', schema: Type.Object({ roles: Type.Array(Type.String(), { minItems: 1 }) }), data: { roles: [] }, field: 'body.roles', zh: /至少须有 1 项/, en: /at least 1 entry/ },
  { keyword: 'maxItems', schema: Type.Object({ a: Type.Array(Type.String(), { maxItems: 1 }) }), data: { a: ['x', 'y'] }, field: 'body.a', zh: /最多 1 项/, en: /at most 1 entries/ },
  { keyword: 'uniqueItems', schema: Type.Object({ roles: Type.Array(Type.String(), { uniqueItems: true }) }), data: { roles: ['a', 'b', 'a'] }, field: 'body.roles', zh: /第 3 项与第 1 项重复/, en: /duplicate/ },
  { keyword: 'minProperties', schema: Type.Object({ a: Type.Optional(Type.String()) }, { minProperties: 1 }), data: {}, field: 'body', zh: /^body 至少须填写一个字段$/, en: /^body needs at least one field$/ },
  { keyword: 'maxProperties', schema: Type.Record(Type.String(), Type.String(), { maxProperties: 1 }), data: { a: 'x', b: 'y' }, field: 'body', zh: /最多 1 个字段/, en: /at most 1 fields/ },
  { keyword: 'propertyNames', schema: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, data: { A: 1 }, field: 'body', zh: /不允许的字段名 A/, en: /field name that is not allowed: A/ },
  { keyword: 'dependencies', schema: { type: 'object', dependencies: { from: ['to'] } }, data: { from: 1 }, field: 'body.to', zh: /填写 from 时须同时填写 body\.to/, en: /body\.to is required when from/ },
  { keyword: 'contains', schema: Type.Array(Type.Integer(), { contains: Type.Literal(1) }), data: [2], field: 'body', zh: /至少有一项符合要求/, en: /at least one valid entry/ },
  { keyword: 'not', schema: Type.Object({ v: Type.Not(Type.Literal('x')) }), data: { v: 'x' }, field: 'body.v', zh: /不被允许/, en: /not allowed/ },
  { keyword: 'false schema', schema: { type: 'object', properties: { gone: false } }, data: { gone: 1 }, field: 'body.gone', zh: /不允许的字段 body\.gone/, en: /not allowed/ },
  { keyword: 'if', schema: { type: 'object', if: { required: ['a'] }, then: { required: ['b'] } }, data: { a: 1 }, field: 'body.b', zh: /缺少必填字段 body\.b/, en: /body\.b is required/ },
];

describe('validation errors in Chinese and English', () => {
  for (const c of CASES) {
    it(`${c.keyword}: ${c.zh.source}`, () => {
      const { error, ajvMessages } = refuse(c.schema, c.data);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.match(error.zh, c.zh);
      assert.match(error.en, c.en);
      assert.equal((error.details as { field: string }[])[0]!.field, c.field);
      for (const d of error.details as { zh: string; en: string }[]) {
        assert.match(d.zh, CJK, `zh of ${c.keyword} is not Chinese: ${d.zh}`);
        for (const m of ajvMessages) assert.ok(!d.zh.includes(m), `zh of ${c.keyword} carries Ajv's English "${m}": ${d.zh}`);
      }
    });
  }

  it('the 2019-09 keywords this Ajv does not apply would still be worded, were it switched on', () => {
    const unevaluated = validationError('body', [{ keyword: 'unevaluatedProperties', instancePath: '', schemaPath: '#/unevaluatedProperties', params: { unevaluatedProperty: 'b' }, message: 'must NOT have unevaluated properties' }]);
    assert.deepEqual([unevaluated.zh, unevaluated.en], ['不允许的字段 body.b', 'unknown field body.b']);
    const dependent = validationError('body', [{ keyword: 'dependentRequired', instancePath: '', schemaPath: '#/dependentRequired', params: { property: 'from', missingProperty: 'to', depsCount: 1, deps: 'to' }, message: 'must have property to when property from is present' }]);
    assert.deepEqual([dependent.zh, dependent.en], ['填写 from 时须同时填写 body.to', 'body.to is required when from is given']);
  });

  it('a keyword without its own wording still answers in both languages, naming the field and the rule', () => {
    const errors: FieldError[] = [{ keyword: 'discriminator', instancePath: '/kind', schemaPath: '#/discriminator', params: {}, message: 'tag "kind" must be string' }];
    const error = validationError('body', errors);
    assert.equal(error.zh, 'body.kind 不符合要求（校验规则 discriminator）');
    assert.equal(error.en, 'body.kind is invalid (rule discriminator)');
  });

  it('query strings name their part and are still coerced from text', () => {
    const schema = Type.Object({ workdays: Type.Integer({ minimum: 1, description: '工作日数' }) });
    const check = validatorCompiler({ schema, httpPart: 'querystring', method: 'GET', url: '/x' }) as ValidateFunction;
    const query = { workdays: '3' };
    assert.equal(check(query), true);
    assert.deepEqual(query, { workdays: 3 });
    const { error } = refuse(schema, { workdays: '0' }, 'querystring');
    assert.equal(error.zh, '工作日数（querystring.workdays）不能小于 1');
    assert.equal((error.details as { field: string }[])[0]!.field, 'querystring.workdays');
  });

  it('names a field in an array of objects by its own description, an array entry by the array\'s', () => {
    const schema = Type.Object({
      items: Type.Array(Type.Object({ label: Type.String({ maxLength: 3, description: '数据项中文名称' }) }), { description: '数据项 (§10 数据字典)' }),
      relatedCodes: Type.Array(Type.String({ maxLength: 2 }), { description: '关联资源代码' }),
    });
    const { error } = refuse(schema, { items: [{ label: 'ok' }, { label: 'long' }], relatedCodes: ['abc'] });
    assert.deepEqual((error.details as { field: string; zh: string }[]).map((d) => [d.field, d.zh]), [
      ['body.items[1].label', '数据项中文名称（body.items[1].label）最多 3 个字符'],
      ['body.relatedCodes[0]', '关联资源代码（body.relatedCodes[0]）最多 2 个字符'],
    ]);
  });

  it('takes a Chinese field name from a description only where it is one', () => {
    const names: [string, string | undefined][] = [
      ['数据资源名称', '数据资源名称'],
      ['所属基础数据库 (§14)', '所属基础数据库'],
      ['分级 L1–L4', '分级'],
      ['数据项英文名 / machine name', '数据项英文名'],
      ['检查复核意见 (Sec §32(三))', '检查复核意见'],
      ['认证请求头名称，默认 Authorization / credential header name', '认证请求头名称'],
      ['共享范围（各条件同时满足）/ row scope: every condition holds', '共享范围'],
      ['可选：须为已上传的当前版本 / optional: must be current uploaded files', undefined],
      ['数据项 → 列 / item → column (default: same name)', undefined],
      ['返回 JSON 中数据行数组的路径，如 data.items', undefined],
      ['县级撤销须报市政务数据主管部门备案 (§19)', undefined],
      ['6-digit TOTP code', undefined],
    ];
    for (const [description, name] of names) assert.equal(chineseName(description), name, description);
  });
});

/** What each schema keyword of the OpenAPI document can fail with (swagger shows a TypeBox Literal as a one-value enum). */
const ERRORS_OF: Record<string, string[]> = {
  type: ['type'], properties: [], required: ['required'], additionalProperties: ['additionalProperties'],
  items: [], prefixItems: [], minItems: ['minItems'], maxItems: ['maxItems'], uniqueItems: ['uniqueItems'], contains: ['contains'],
  minLength: ['minLength'], maxLength: ['maxLength'], pattern: ['pattern'], format: ['format'],
  minimum: ['minimum'], maximum: ['maximum'], exclusiveMinimum: ['exclusiveMinimum'], exclusiveMaximum: ['exclusiveMaximum'], multipleOf: ['multipleOf'],
  enum: ['enum', 'const'], const: ['const'], anyOf: ['anyOf'], oneOf: ['oneOf'], allOf: [], not: ['not'],
  patternProperties: [], propertyNames: ['propertyNames'], minProperties: ['minProperties'], maxProperties: ['maxProperties'],
  dependencies: ['dependencies'],
};
/** Words that describe a schema and cannot fail. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$id', '$schema', 'nullable']);

forEachDatabase('validation keywords of the route schemas', (t) => {
  let server: TestServer;
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
  });
  after(() => server.close());

  it('every keyword a request schema uses has Chinese and English wording', async () => {
    const doc = (await server.call('GET', '/api/openapi.json')).body;
    const used = new Map<string, string>();
    const walk = (s: unknown, where: string): void => {
      if (Array.isArray(s)) return s.forEach((x) => walk(x, where));
      if (!s || typeof s !== 'object') return;
      for (const [k, v] of Object.entries(s)) {
        if (!ANNOTATIONS.has(k) && !used.has(k)) used.set(k, where);
        if (k === 'properties' || k === 'patternProperties') for (const p of Object.values(v as object)) walk(p, where);
        else if (k === 'enum' || k === 'const' || ANNOTATIONS.has(k)) continue;
        else walk(v, where);
      }
    };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const param of op?.parameters ?? []) walk(param.schema, `${method} ${path} ${param.in}`);
        for (const media of Object.values(op?.requestBody?.content ?? {})) walk((media as any).schema, `${method} ${path} body`);
      }
    }
    assert.ok(used.has('required') && used.has('maxLength'), 'the walk found the request schemas');
    const covered = new Set(CASES.map((c) => c.keyword));
    for (const [keyword, where] of used) {
      const errors = ERRORS_OF[keyword];
      assert.ok(errors, `${where} uses the schema keyword "${keyword}": add what it fails with to ERRORS_OF and its wording to problemOf`);
      for (const e of errors) assert.ok(covered.has(e), `${where} uses "${keyword}", whose "${e}" error has no case in CASES`);
    }
  });

  it('a real route answers a bad body with Chinese field names and English', async () => {
    const token = await server.login('fgw');
    const res = await server.call('POST', '/api/v1/catalog', { token, body: { name: '', summary: 'x'.repeat(2001), grade: 9, important: 'yes' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    const byField = Object.fromEntries((res.body.error.details as { field: string; zh: string; en: string }[]).map((d) => [d.field, d]));
    assert.equal(byField['body.summary']?.zh, '摘要（body.summary）最多 2000 个字符');
    assert.equal(byField['body.summary']?.en, 'body.summary allows at most 2000 characters');
    assert.equal(byField['body.name']?.zh, '数据资源名称（body.name）不能为空');
    assert.match(byField['body.grade']?.zh ?? '', /^分级（body\.grade）的取值须为 1 \| 2 \| 3 \| 4$/);
    for (const d of Object.values(byField)) assert.match(d.zh, CJK, d.zh);
  });
});
