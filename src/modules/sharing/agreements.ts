/**
 * The data-security agreement of a grant (security rules §27).
 *
 * CONTRACT (other modules call this; keep the signature): assertAgreementAccepted — throws 403
 * AGREEMENT_NOT_ACCEPTED when the grant's agreement has not been accepted by the consumer.
 * STUB until the agreement work lands: accepts every grant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function assertAgreementAccepted(_db: Kysely<Database>, _grantId: string): Promise<void> {}
