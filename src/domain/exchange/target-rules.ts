/**
 * Where a consumer may have a grant synced (库表交换; security rules §24 落实同等数据安全管理责任). In
 * its own database any schema but the system ones; in the platform's database only a schema of its
 * own named sync_* — never public (the platform's tables) nor a department's qzk_* 前置库. Table
 * names starting gdx_ are the platform's bookkeeping. Pure.
 */
export interface PlaceProblem {
  field: string;
  zh: string;
  en: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
export const PLATFORM_SCHEMA_PREFIX = 'sync_';

export function targetPlaceProblems(p: { schema: string; table: string; onPlatform: boolean }): PlaceProblem[] {
  const problems: PlaceProblem[] = [];
  for (const [field, name] of [['schema', p.schema], ['table', p.table]] as const) {
    if (!IDENT.test(name)) problems.push({ field: `body.${field}`, zh: `${field} 须为小写字母、数字、下划线组成的标识符`, en: `${field} must be a lower-case identifier` });
  }
  if (/^pg_/.test(p.schema) || p.schema === 'information_schema') {
    problems.push({ field: 'body.schema', zh: '不能使用系统模式', en: 'a system schema cannot be a target' });
  } else if (p.onPlatform && !p.schema.startsWith(PLATFORM_SCHEMA_PREFIX)) {
    problems.push({ field: 'body.schema', zh: `同步到平台数据库时模式名须以 ${PLATFORM_SCHEMA_PREFIX} 开头（如 sync_fgw）`, en: `on the platform's database the schema must start with ${PLATFORM_SCHEMA_PREFIX} (e.g. sync_fgw)` });
  }
  if (p.table.startsWith('gdx_')) problems.push({ field: 'body.table', zh: 'gdx_ 开头的表名为平台保留', en: 'table names starting gdx_ are reserved' });
  return problems;
}
