import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/access/roles.ts';
import { actorOf, type Api } from '../../http/api.ts';
import { OrgSchema, RegionSchema, SubjectDatabaseSchema, UserSchema } from './schemas.ts';
import type { OrgService } from './service.ts';

export function orgRoutes(app: Api, orgs: OrgService): void {
  const tags = ['organisation'];
  app.get('/regions', {
    config: { access: 'user' },
    schema: {
      tags, summary: '行政区划 / regions',
      response: { 200: Type.Object({ items: Type.Array(RegionSchema) }) },
    },
  }, async () => ({ items: await orgs.regions() }));

  app.get('/orgs', {
    config: { access: 'user' },
    schema: {
      tags, summary: '政务部门 / departments',
      querystring: Type.Object({
        regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        kind: Type.Optional(Type.Union([Type.Literal('authority'), Type.Literal('department')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OrgSchema), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await orgs.list(request.query);
    return { items, total: items.length };
  });

  app.get('/orgs/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '部门详情 / a department', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: OrgSchema } },
  }, async (request) => orgs.get(request.params.id));

  app.post('/orgs', {
    config: { access: ['super_admin'], audit: 'org.create' },
    schema: {
      tags, summary: '新增部门（含第六条备案）/ add a department with its §6 filing',
      body: Type.Object({
        key: Type.String({ pattern: '^[a-z][a-z0-9.]{1,31}$' }), name: Type.String({ minLength: 2, maxLength: 100 }),
        shortName: Type.String({ minLength: 1, maxLength: 50 }), regionCode: Type.String({ pattern: '^[0-9]{6}$' }),
        kind: Type.Union([Type.Literal('authority'), Type.Literal('department')]),
        responsibleUnit: Type.String({ minLength: 1, maxLength: 100 }), responsiblePerson: Type.String({ minLength: 1, maxLength: 50 }),
        responsiblePhone: Type.String({ pattern: '^[0-9+\\- ]{7,20}$' }),
      }, { additionalProperties: false }),
      response: { 201: OrgSchema },
    },
  }, async (request, reply) => reply.code(201).send(await orgs.create(actorOf(request), request.body)));

  app.get('/users', {
    config: { access: ['super_admin'] },
    schema: {
      tags, summary: '用户 / users',
      querystring: Type.Object({ orgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await orgs.users(request.query);
    return { items, total: items.length };
  });

  app.post('/users', {
    config: { access: ['super_admin'], audit: 'user.create' },
    schema: {
      tags, summary: '新增用户 / add a user',
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z][a-z0-9._-]{1,31}$' }), displayName: Type.String({ minLength: 1, maxLength: 50 }),
        orgId: Type.String({ format: 'uuid' }), roles: Type.Array(Type.Unsafe<string>({ enum: [...ROLES] }), { minItems: 1, uniqueItems: true }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
      }, { additionalProperties: false }),
      response: { 201: UserSchema },
    },
  }, async (request, reply) => reply.code(201).send(await orgs.createUser(actorOf(request), request.body)));

  app.get('/subject-databases', {
    config: { access: 'user' },
    schema: {
      tags, summary: '基础数据库与主题数据库 / basic and theme databases (§14)',
      response: { 200: Type.Object({ items: Type.Array(SubjectDatabaseSchema) }) },
    },
  }, async () => ({ items: await orgs.subjectDatabases() }));
}
