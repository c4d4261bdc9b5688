/** The typed Fastify instance every module's routes register on, and the per-route access declaration. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault,
} from 'fastify';
import type { UserActor } from '../domain/access/actor.ts';
import type { Role } from '../domain/access/roles.ts';

export type Api = FastifyInstance<
  RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route: 'public' (no login), 'user' (any logged-in user), or a list of roles
     * of which the caller must hold one, or 'app' (a consumer application's signed call, checked by
     * the route's service). Every route states it; a route without it does not start.
     */
    access?: 'public' | 'user' | 'app' | readonly Role[];
    /** Action name written to the audit trail when the call fails or is denied. */
    audit?: string;
  }
  interface FastifyRequest {
    actor?: UserActor;
    sessionToken?: string;
  }
}

/** The authenticated caller of a route whose access is not 'public'. */
export function actorOf(request: { actor?: UserActor }): UserActor {
  if (!request.actor) throw new Error('route reached without an authenticated actor');
  return request.actor;
}
