import { Type } from '@sinclair/typebox';
import type { UserActor } from '../../domain/access/actor.ts';
import { ROLES } from '../../domain/access/roles.ts';
import { oneOf } from '../catalog/schemas.ts';

export const ActorSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  orgKind: Type.Union([Type.Literal('authority'), Type.Literal('department')]),
  regionCode: Type.String(),
  regionLevel: Type.Union([Type.Literal('city'), Type.Literal('county')]),
  roles: Type.Array(oneOf(ROLES)),
});

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }), user: ActorSchema });

export const toActorView = (a: UserActor) => ({
  id: a.userId,
  username: a.username,
  displayName: a.displayName,
  orgId: a.orgId,
  orgName: a.orgName,
  orgKind: a.orgKind,
  regionCode: a.regionCode,
  regionLevel: a.regionLevel,
  roles: [...a.roles],
});
