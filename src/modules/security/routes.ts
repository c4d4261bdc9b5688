import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { GradingService } from './grading.ts';
import type { KeyService } from './keys.ts';
import { GradingUpdateSchema, GradingVersionSchema, KeyringStatusSchema } from './schemas.ts';

const tags = ['security'];

export function securityRoutes(app: Api, s: { grading: GradingService; keys?: KeyService }): void {
  app.get('/security/grading', {
    config: { access: 'user' },
    schema: { tags, summary: '统一分类分级规则 / the grading rule set in force (Sec §16)', response: { 200: GradingVersionSchema } },
  }, async (request) => s.grading.current(actorOf(request)));

  app.get('/security/grading/history', {
    config: { access: 'user' },
    schema: { tags, summary: '分级规则各版本 / every version of the grading rules', response: { 200: Type.Object({ items: Type.Array(GradingVersionSchema) }) } },
  }, async () => ({ items: await s.grading.history() }));

  app.put('/security/grading', {
    config: { access: ['authority'], audit: 'security.grading.update' },
    schema: {
      tags, summary: '修改分级规则（市主管部门）/ change the grading rules (city authority)',
      description: 'Saves a new version. `baseVersion` is the version the edit started from; a newer one in between is a 409.',
      body: GradingUpdateSchema, response: { 200: GradingVersionSchema },
    },
  }, async (request) => s.grading.update(actorOf(request), request.body));

  const keys = s.keys;
  if (keys) {
    app.get('/security/keys', {
      config: { access: ['super_admin', 'authority', 'security_officer', 'auditor'] },
      schema: { tags, summary: '加密密钥状态 / keyring status: key ids, ages, sealed values per key (Sec §23)', response: { 200: KeyringStatusSchema } },
    }, async () => keys.status());
  }
}
