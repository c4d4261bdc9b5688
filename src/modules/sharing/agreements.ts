/**
 * The data-security agreement of a grant (security rules §27): generated from the grant when it is
 * made (src/domain/sharing/agreement.ts), stored as immutable text with its SHA-256, shown with the
 * grant, and accepted once by the consumer's requester, approver or data steward. Until then no
 * channel delivers data under the grant.
 *
 * assertAgreementAccepted, called by every delivery channel, throws 403
 * AGREEMENT_NOT_ACCEPTED when the grant's agreement has not been accepted by the consumer.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { Role } from '../../domain/access/roles.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { agreementText, type AgreementInput } from '../../domain/sharing/agreement.ts';
import { AppError, conflict, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify, type Outbound } from '../inbox/notify.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import type { GrantService } from './grants.ts';

/** The consumer's roles that may accept on its behalf: those who ask for, approve and keep the data. */
export const ACCEPTING_ROLES: readonly Role[] = ['requester', 'approver', 'data_steward'];

export const agreementNotAccepted = () => forbidden('AGREEMENT_NOT_ACCEPTED',
  '使用方尚未接受该授权的数据安全协议，接受后方可使用数据（安全细则第二十七条）',
  'the consumer has not accepted the data-security agreement of this grant; no data before it does (security rules §27)');

export async function assertAgreementAccepted(db: Kysely<Database>, grantId: string): Promise<void> {
  const row = await db.selectFrom('grant_agreement').select('accepted_at').where('grant_id', '=', grantId).executeTakeFirst();
  if (!row?.accepted_at) throw agreementNotAccepted();
}

/** Everything the agreement is generated from, read with the grant. */
async function agreementInput(db: Db, grantId: string): Promise<AgreementInput> {
  const g = await db.selectFrom('share_grant as g')
    .innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
    .innerJoin('catalog_entry_version as v', (j) => j.onRef('v.entry_id', '=', 'e.id')
      .on((eb) => eb('v.version', '=', eb.fn.coalesce('e.published_version', 'e.working_version'))))
    .innerJoin('org as p', 'p.id', 'g.provider_id')
    .innerJoin('org as c', 'c.id', 'g.consumer_id')
    .leftJoin('org as a', (j) => j.onRef('a.region_code', '=', 'e.region_code').on('a.kind', '=', 'authority'))
    .leftJoin('share_request as r', 'r.id', 'g.request_id')
    .select(['g.id', 'g.items', 'g.method', 'g.conditions', 'g.purpose', 'g.scenario', 'g.valid_from', 'g.valid_until',
      'e.code', 'v.body', 'p.name as provider_name', 'c.name as consumer_name', 'a.name as authority_name', 'r.basis'])
    .where('g.id', '=', grantId)
    .executeTakeFirstOrThrow();
  const body = g.body as unknown as CatalogEntryBody;
  return {
    grantId: g.id, providerName: g.provider_name, consumerName: g.consumer_name, authorityName: g.authority_name ?? '政务数据主管部门',
    entry: { name: body.name, code: g.code, grade: body.grade, important: body.important, shareType: body.shareType, items: body.items },
    items: g.items, method: g.method as AgreementInput['method'], conditions: g.conditions, purpose: g.purpose, scenario: g.scenario,
    basis: g.basis ?? null, validFrom: g.valid_from, validUntil: g.valid_until, grading: await currentGradingRules(db),
  };
}

export const agreementHash = (textZh: string, textEn: string) => createHash('sha256').update(`${textZh}\n${textEn}`).digest('hex');

/**
 * Generates and stores the grant's agreement; called in the transaction that makes the grant (and
 * for a grant made before agreements existed, when it is first shown). Never overwrites one.
 */
export async function makeAgreement(tx: Db, grantId: string): Promise<void> {
  const input = await agreementInput(tx, grantId);
  const textZh = agreementText(input, 'zh');
  const textEn = agreementText(input, 'en');
  await tx.insertInto('grant_agreement').values({ grant_id: grantId, text_zh: textZh, text_en: textEn, text_hash: agreementHash(textZh, textEn) })
    .onConflict((oc) => oc.column('grant_id').doNothing()).execute();
}

export interface AgreementView {
  grantId: string;
  textZh: string;
  textEn: string;
  textHash: string;
  generatedAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  acceptedByName: string | null;
  /** The caller may accept it now (consumer side, one of ACCEPTING_ROLES, not yet accepted, grant live). */
  mayAccept: boolean;
}

export class AgreementService {
  constructor(private readonly deps: { db: Db; grants: GrantService; outbound?: Outbound; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async load(db: Db, grantId: string) {
    let row = await db.selectFrom('grant_agreement as a').leftJoin('app_user as u', 'u.id', 'a.accepted_by')
      .select(['a.grant_id', 'a.text_zh', 'a.text_en', 'a.text_hash', 'a.generated_at', 'a.accepted_at', 'u.username', 'u.display_name'])
      .where('a.grant_id', '=', grantId).executeTakeFirst();
    if (!row) {
      await makeAgreement(db, grantId);
      row = await db.selectFrom('grant_agreement as a').leftJoin('app_user as u', 'u.id', 'a.accepted_by')
        .select(['a.grant_id', 'a.text_zh', 'a.text_en', 'a.text_hash', 'a.generated_at', 'a.accepted_at', 'u.username', 'u.display_name'])
        .where('a.grant_id', '=', grantId).executeTakeFirstOrThrow();
    }
    return row;
  }

  /** The agreement, to whoever may see the grant (others get the grant's 404). */
  async get(actor: UserActor, grantId: string): Promise<AgreementView> {
    const grant = await this.deps.grants.get(actor, grantId);
    const a = await this.load(this.deps.db, grantId);
    return {
      grantId, textZh: a.text_zh, textEn: a.text_en, textHash: a.text_hash, generatedAt: a.generated_at.toISOString(),
      acceptedAt: a.accepted_at ? a.accepted_at.toISOString() : null, acceptedBy: a.username, acceptedByName: a.display_name,
      mayAccept: !a.accepted_at && grant.status === 'active' && actor.orgId === grant.consumerId && ACCEPTING_ROLES.some((r) => actor.roles.includes(r)),
    };
  }

  /** The consumer accepts: once, while the grant is live, by one of its requester, approver or data steward. */
  async accept(actor: UserActor, grantId: string): Promise<AgreementView> {
    const grant = await this.deps.grants.get(actor, grantId);
    if (actor.orgId !== grant.consumerId || !ACCEPTING_ROLES.some((r) => actor.roles.includes(r))) {
      throw forbidden('NOT_CONSUMER', '数据安全协议由使用方的申请人、审批人或数据管理员接受（安全细则第二十七条）',
        'the agreement is accepted by the consumer\'s requester, approver or data steward (security rules §27)');
    }
    if (grant.status !== 'active') throw conflict('GRANT_NOT_LIVE', `授权状态为 ${grant.status}，不能接受协议`, `the grant is ${grant.status}`);
    const now = this.now();
    await this.deps.db.transaction().execute(async (tx) => {
      const a = await this.load(tx, grantId);
      const updated = await tx.updateTable('grant_agreement').set({ accepted_at: now, accepted_by: actor.userId })
        .where('grant_id', '=', grantId).where('accepted_at', 'is', null).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        throw new AppError(409, 'AGREEMENT_ALREADY_ACCEPTED', '该协议已被接受', 'the agreement was already accepted');
      }
      await notify(tx, [{ orgId: grant.providerId, role: 'approver' }], {
        kind: 'grant.agreement.accepted', title: `使用方已接受数据安全协议：${grant.entryName}`, body: grant.consumerName, link: `/grants/${grantId}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'grant.agreement.accept', targetType: 'grant', targetId: grantId, detail: { textHash: a.text_hash } });
    });
    return this.get(actor, grantId);
  }
}
