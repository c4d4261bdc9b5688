/**
 * Where a consumer may have a grant synced (库表交换; security rules §24 落实同等数据安全管理责任). In
 * its own database any schema but the system ones; in the platform's database only its own schema,
 * sync_<its department key> (platformSchemaOf) — never public (the platform's tables), a department's
 * qzk_* 前置库, nor another department's sync_ schema: data written there would reach a department
 * the grant was not given to (§39). Table names starting gdx_ are the platform's bookkeeping. Pure.
 */
export interface PlaceProblem {
  field: string;
  zh: string;
  en: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
export const PLATFORM_SCHEMA_PREFIX = 'sync_';

/** The consumer's schema in the platform's database: sync_ and its department key, dots as underscores (keys have no underscore). */
export function platformSchemaOf(orgKey: string): string {
  return `${PLATFORM_SCHEMA_PREFIX}${orgKey.replace(/\./g, '_')}`;
}

export function targetPlaceProblems(p: { schema: string; table: string; onPlatform: boolean; orgKey: string }): PlaceProblem[] {
  const problems: PlaceProblem[] = [];
  for (const [field, name] of [['schema', p.schema], ['table', p.table]] as const) {
    if (!IDENT.test(name)) problems.push({ field: `body.${field}`, zh: `${field} 须为小写字母、数字、下划线组成的标识符`, en: `${field} must be a lower-case identifier` });
  }
  if (/^pg_/.test(p.schema) || p.schema === 'information_schema') {
    problems.push({ field: 'body.schema', zh: '不能使用系统模式', en: 'a system schema cannot be a target' });
  } else if (p.onPlatform && p.schema !== platformSchemaOf(p.orgKey)) {
    const own = platformSchemaOf(p.orgKey);
    problems.push({ field: 'body.schema', zh: `同步到平台数据库时只能使用本部门的模式 ${own}`, en: `on the platform's database the target must be your department's schema ${own}` });
  }
  if (p.table.startsWith('gdx_')) problems.push({ field: 'body.table', zh: 'gdx_ 开头的表名为平台保留', en: 'table names starting gdx_ are reserved' });
  return problems;
}
