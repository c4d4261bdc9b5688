/**
 * Settings owned by the city's data authority, such as the catalog coding rule (§13:
 * 《晋城市政务数据资源目录编码规范》 is the authority's to write). Changing the rule affects codes
 * assigned from then on; codes already assigned never change.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { DEFAULT_CODING_RULE, formatCode, validateCodingRule, type CodingRule } from '../../domain/catalog/code.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';

const CODING_RULE = 'catalog.codingRule';

export class SettingsService {
  constructor(private readonly deps: { db: Db }) {}

  async codingRule(db: Db = this.deps.db): Promise<CodingRule> {
    const row = await db.selectFrom('platform_setting').select('value').where('key', '=', CODING_RULE).executeTakeFirst();
    return (row?.value as CodingRule | undefined) ?? DEFAULT_CODING_RULE;
  }

  example(rule: CodingRule): string {
    return formatCode(rule, { kind: 'department', item: '01', subItem: '020' }, 42, { region: '140500' });
  }

  async setCodingRule(actor: UserActor, pattern: string): Promise<CodingRule> {
    if (!(actor.orgKind === 'authority' && actor.regionLevel === 'city' && actor.roles.includes('authority'))) {
      throw forbidden('CITY_AUTHORITY_ONLY', '编码规范由市政务数据主管部门制定（第十三条）', 'the coding rule belongs to the city authority (§13)');
    }
    const errors = validateCodingRule(pattern);
    if (errors.length) throw badRequest('CODING_RULE_INVALID', errors[0]!.zh, errors[0]!.en, errors.map((e) => ({ ...e, field: 'body.pattern' })));
    const rule: CodingRule = { pattern };
    await this.deps.db.transaction().execute(async (tx) => {
      const value = JSON.stringify(rule);
      await tx.insertInto('platform_setting').values({ key: CODING_RULE, value, updated_by: actor.username })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: actor.username, updated_at: new Date() })).execute();
      await recordAudit(tx, actor, { action: 'settings.coding_rule', targetType: 'setting', targetId: CODING_RULE, detail: { pattern } });
    });
    return rule;
  }
}
