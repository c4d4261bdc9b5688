/**
 * Request validation: bodies are checked strictly (unknown fields are an error, nothing is coerced or
 * silently dropped); query strings and path parameters are coerced from text, as they must be.
 * Ajv's errors are turned into problems that name the field in Chinese and English.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { badRequest, type AppError, type Problem } from './errors.ts';

const common = { allErrors: true, removeAdditional: false, strict: false, useDefaults: true } as const;
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
for (const ajv of [bodyAjv, textAjv]) addFormats.default(ajv);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object) as ValidateFunction;

/** `body.items[2].name` from Ajv's `/items/2/name`. */
function fieldPath(part: string, error: ErrorObject): string {
  let path = part;
  for (const seg of error.instancePath.split('/').slice(1)) {
    path += /^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  }
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path += `.${String(p.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `.${String(p.additionalProperty)}`;
  return path;
}

export function problemOf(part: string, error: ErrorObject): Problem {
  const field = fieldPath(part, error);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field, zh: `缺少必填字段 ${field}`, en: `${field} is required` };
    case 'additionalProperties':
      return { field, zh: `不允许的字段 ${field}`, en: `unknown field ${field}` };
    case 'enum':
      return {
        field,
        zh: `${field} 的取值须为 ${(p.allowedValues as unknown[]).join(' | ')}`,
        en: `${field} must be one of ${(p.allowedValues as unknown[]).join(' | ')}`,
      };
    case 'type':
      return { field, zh: `${field} 的类型须为 ${String(p.type)}`, en: `${field} must be of type ${String(p.type)}` };
    case 'minLength':
      return Number(p.limit) === 1
        ? { field, zh: `${field} 不能为空`, en: `${field} must not be empty` }
        : { field, zh: `${field} 至少 ${String(p.limit)} 个字符`, en: `${field} needs at least ${String(p.limit)} characters` };
    case 'maxLength':
      return { field, zh: `${field} 最多 ${String(p.limit)} 个字符`, en: `${field} allows at most ${String(p.limit)} characters` };
    case 'minimum':
    case 'maximum':
      return { field, zh: `${field} 须 ${String(p.comparison)} ${String(p.limit)}`, en: `${field} must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'minItems':
      return { field, zh: `${field} 至少 ${String(p.limit)} 项`, en: `${field} needs at least ${String(p.limit)} entries` };
    case 'maxItems':
      return { field, zh: `${field} 最多 ${String(p.limit)} 项`, en: `${field} allows at most ${String(p.limit)} entries` };
    case 'format':
    case 'pattern':
      return { field, zh: `${field} 格式不正确`, en: `${field} has an invalid format` };
    default:
      return { field, zh: `${field} 不符合要求：${error.message ?? ''}`, en: `${field} is invalid: ${error.message ?? ''}` };
  }
}

export function validationError(part: string, errors: ErrorObject[]): AppError {
  // anyOf/oneOf add a summary error on top of the specific ones: the specific ones say more.
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const problems = (specific.length ? specific : errors).map((e) => problemOf(part, e));
  const first = problems[0]!;
  return badRequest('VALIDATION_FAILED', first.zh, first.en, problems);
}
