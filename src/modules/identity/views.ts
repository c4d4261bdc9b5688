import { Type } from '@sinclair/typebox';
import type { UserActor } from '../../domain/access/actor.ts';
import { ROLES } from '../../domain/access/roles.ts';
import { oneOf } from '../catalog/schemas.ts';

const nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

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
  /** Only enrolment of a second factor is open until it is done (the authority requires one for a role held). */
  totpEnrolmentPending: Type.Boolean(),
});

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }), user: ActorSchema });

/** A correct password of a user with a second factor: answer the challenge with a code (POST /auth/login/totp). */
export const TotpChallengeSchema = Type.Object({
  totpRequired: Type.Literal(true),
  challenge: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const LoginAnswerSchema = Type.Union([LoginResponseSchema, TotpChallengeSchema]);

export const TotpStatusSchema = Type.Object({
  enrolled: Type.Boolean(), pending: Type.Boolean(), confirmedAt: nullable(Type.String()), required: Type.Boolean(),
});

export const TotpEnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'base32, shown once' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… for an authenticator app (QR code)' }),
});

export const TotpPolicySchema = Type.Object({ requiredRoles: Type.Array(oneOf(['authority', 'security_officer'] as const)) });

const ReviewUserSchema = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), orgName: Type.String(), roles: Type.Array(Type.String()),
  disabled: Type.Boolean(), lockedUntil: nullable(Type.String()), lastLoginAt: nullable(Type.String()), createdAt: Type.String(),
  passwordChangedAt: nullable(Type.String()), totpEnrolled: Type.Boolean(), inactive: Type.Boolean(),
});

const RoleChangeSchema = Type.Object({
  id: Type.Integer(), at: Type.String(), username: Type.String(), orgName: Type.String(), changedBy: nullable(Type.String()),
  before: Type.Array(Type.String()), after: Type.Array(Type.String()), reason: Type.String(),
});

export const AccessReviewRecordSchema = Type.Object({
  id: Type.String(), reviewedAt: Type.String(), reviewer: Type.String(), reviewerName: Type.String(), orgName: Type.String(),
  scope: Type.String(), remarks: Type.String(), summary: Type.Record(Type.String(), Type.Number()),
});

export const AccessReviewSchema = Type.Object({
  scope: Type.String(), inactiveDays: Type.Integer(), reviewIntervalDays: Type.Integer(),
  nextReviewDue: Type.String(), reviewOverdue: Type.Boolean(),
  users: Type.Array(ReviewUserSchema), roleChanges: Type.Array(RoleChangeSchema), reviews: Type.Array(AccessReviewRecordSchema),
});

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
  totpEnrolmentPending: a.totpEnrolmentPending === true,
});
