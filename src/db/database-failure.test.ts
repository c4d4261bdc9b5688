import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseFailure } from './database-failure.ts';

const failure = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});

const cases: Array<[title: string, err: unknown, zh: RegExp, en: RegExp]> = [
  ['a role that may not log in (SQLSTATE 28000)', failure('28000', 'role "gdx_sync" is not permitted to log in'), /^该数据库角色不允许登录或无权连接（数据库原文：role "gdx_sync" is not permitted to log in）$/, /^the database role may not log in/],
  ['a wrong password (28P01)', failure('28P01', 'password authentication failed for user "x"'), /^用户名或密码错误/, /^wrong user name or password \(password authentication failed/],
  ['no such database (3D000)', failure('3D000', 'database "nope" does not exist'), /^数据库不存在/, /^no such database/],
  ['no right to create the table (42501)', failure('42501', 'permission denied for schema sync_fgw'), /^数据库角色权限不足/, /lacks a privilege/],
  ['a trigger of the target refusing the batch (P0001)', failure('P0001', 'no rows from 2020'), /^被目标库的触发器或函数拒绝（数据库原文：no rows from 2020）$/, /^refused by a trigger/],
  ['a check constraint (23514)', failure('23514', 'new row violates check constraint "capacity_known"'), /^违反检查约束/, /^a check constraint was violated/],
  ['a refused connection', failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), /^连接被拒绝/, /^connection refused/],
  ["node-postgres's connect timeout, which has no code", failure(undefined, 'Connection terminated due to connection timeout'), /^连接超时/, /^connection timed out/],
  ['an unknown cause: the words as they are, still led by Chinese', failure('XX000', 'internal error'), /^数据库返回：internal error$/, /^internal error$/],
  ['not even an Error', 'boom', /^数据库返回：boom$/, /^boom$/],
];
for (const [title, err, zh, en] of cases) {
  test(`database failure: ${title}`, () => {
    const f = databaseFailure(err);
    assert.match(f.zh, zh);
    assert.match(f.en, en);
  });
}
