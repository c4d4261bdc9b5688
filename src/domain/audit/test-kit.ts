/** Audit chain fixtures shared by the page check's tests and the verifier's. */
import { encodeCopyLine } from '../exchange/copy-text.ts';
import type { ChainRecord } from './chain-walk.ts';

/** 2026-11-28T02:03:04.123456Z in microseconds since the epoch. */
export const AT_US = 1_795_831_384_123_456;

/** Records as the verifier's COPY writes them: one line per record in SEALED_FIELDS order. */
export const copyBlock = (records: ChainRecord[], atMicros = AT_US): Buffer => Buffer.from(records.map((r) => encodeCopyLine([
  String(r.seq), String(r.id), String(atMicros), r.actorType, r.actorId, r.actorName, r.orgId, r.action, r.targetType, r.targetId,
  r.outcome, r.ip, r.requestId, r.detail, r.prevHash, r.hash,
])).join(''));
