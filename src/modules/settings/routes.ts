import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { SettingsService } from './service.ts';

const RuleSchema = Type.Object({ pattern: Type.String(), example: Type.String() });

export function settingsRoutes(app: Api, settings: SettingsService): void {
  app.get('/settings/coding-rule', {
    config: { access: 'user' },
    schema: { tags: ['settings'], summary: '目录编码规范 / the catalog coding rule (§13)', response: { 200: RuleSchema } },
  }, async () => {
    const rule = await settings.codingRule();
    return { pattern: rule.pattern, example: settings.example(rule) };
  });

  app.put('/settings/coding-rule', {
    config: { access: ['authority'], audit: 'settings.coding_rule' },
    schema: {
      tags: ['settings'],
      summary: '修改编码规范（市主管部门）/ change the coding rule (city authority)',
      description: 'Placeholders: {kind} (1 基础 2 主题 3 部门), {item} (2 digits), {subItem} (3 digits), {region} (6-digit division code), {seq:N}. Default `{kind}{item}{subItem}/{seq:6}`.',
      body: Type.Object({ pattern: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 200: RuleSchema },
    },
  }, async (request) => {
    const rule = await settings.setCodingRule(actorOf(request), request.body.pattern);
    return { pattern: rule.pattern, example: settings.example(rule) };
  });
}
