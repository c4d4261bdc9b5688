/** A 429 over an app's limit tells the client when to come back (RFC 9110 Retry-After, in seconds): data API, verification, file downloads. */
import type { FastifyReply } from 'fastify';
import { LimitError } from './call-limits.ts';

export async function withRetryAfter<T>(reply: FastifyReply, answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof LimitError) reply.header('retry-after', String(err.retryAfter));
    throw err;
  }
}
