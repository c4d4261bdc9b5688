/**
 * What a failure of another PostgreSQL server (a 前置库, a sync target) means, in Chinese and English.
 * The server's own message is English ("role … is not permitted to log in"): shown alone inside a
 * Chinese sentence it tells a department's steward nothing. The common causes — wrong password, a
 * role that may not log in, no such database, no rights, unreachable, too many connections — are
 * named by their SQLSTATE or socket error; the original text follows, for the operator. Pure.
 */
export interface DatabaseFailure {
  zh: string;
  en: string;
}

const CAUSES: Record<string, DatabaseFailure> = {
  '28P01': { zh: '用户名或密码错误', en: 'wrong user name or password' },
  '28000': { zh: '该数据库角色不允许登录或无权连接', en: 'the database role may not log in or connect' },
  '3D000': { zh: '数据库不存在', en: 'no such database' },
  '42501': { zh: '数据库角色权限不足（如无建表或写入权限）', en: 'the database role lacks a privilege (e.g. to create tables or write)' },
  '53300': { zh: '数据库连接数已满', en: 'the database has no connection left' },
  '57P01': { zh: '数据库已关闭或重启', en: 'the database shut down or restarted' },
  '57P03': { zh: '数据库正在启动，暂不接受连接', en: 'the database is starting up and not accepting connections yet' },
  '25006': { zh: '数据库处于只读状态', en: 'the database is read-only' },
  '53100': { zh: '数据库磁盘空间不足', en: 'the database is out of disk space' },
  '23505': { zh: '违反唯一约束（已有相同键值的行）', en: 'a unique constraint was violated (a row with the same key exists)' },
  '23514': { zh: '违反检查约束', en: 'a check constraint was violated' },
  '23502': { zh: '必填列出现空值', en: 'a null value in a column that requires one' },
  '23503': { zh: '违反外键约束', en: 'a foreign key constraint was violated' },
  '22001': { zh: '值超出列的长度', en: 'a value too long for its column' },
  P0001: { zh: '被目标库的触发器或函数拒绝', en: 'refused by a trigger or function of the database' },
  ECONNREFUSED: { zh: '连接被拒绝（地址或端口错误，或数据库未运行）', en: 'connection refused (wrong host or port, or the database is not running)' },
  ENOTFOUND: { zh: '找不到该主机名', en: 'unknown host name' },
  EAI_AGAIN: { zh: '主机名暂时无法解析', en: 'the host name could not be resolved for now' },
  ETIMEDOUT: { zh: '连接超时（网络不通或被防火墙拦截）', en: 'connection timed out (no route, or a firewall)' },
  ECONNRESET: { zh: '连接被对方重置', en: 'the connection was reset by the other side' },
  EHOSTUNREACH: { zh: '主机不可达', en: 'host unreachable' },
};

/** The cause of `err` in both languages, followed by the server's own words; the plain message when the cause is unknown. */
export function databaseFailure(err: unknown): DatabaseFailure {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // node-postgres's own connect timeout has no code, only its words.
  const cause = typeof code === 'string' ? CAUSES[code] : /connection timeout/i.test(message) ? CAUSES.ETIMEDOUT : undefined;
  if (!cause) return { zh: `数据库返回：${message}`, en: message };
  return { zh: `${cause.zh}（数据库原文：${message}）`, en: `${cause.en} (${message})` };
}
