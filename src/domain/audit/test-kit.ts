/** Audit chain fixtures shared by the page check's tests and the verifier's. */
import type { ChainRecord } from './chain-walk.ts';

/** 2026-11-28T02:03:04.123456Z in microseconds since the epoch. */
export const AT_US = 1_795_831_384_123_456;

/** A page as the page SELECT writes it: one JSON array per record in SEALED_PAGE_FIELDS order. */
export const pageText = (records: ChainRecord[], atMicros = AT_US): string => records.map((r) => JSON.stringify([
  r.seq, r.id, atMicros, r.actorType, r.actorId, r.actorName, r.orgId, r.action, r.targetType, r.targetId, r.outcome, r.ip, r.requestId,
  r.detail, r.prevHash, r.hash,
])).join('\n');

