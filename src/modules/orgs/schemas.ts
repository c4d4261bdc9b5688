/**
 * Response schemas of the organisation routes (regions, departments with their §6 filing, users,
 * basic and theme databases). The web client derives its types from these (web/src/types.ts).
 */
import { Type } from '@sinclair/typebox';

const orgKind = Type.Union([Type.Literal('authority'), Type.Literal('department')]);

export const RegionSchema = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Union([Type.Literal('city'), Type.Literal('county')]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
});

export const OrgSchema = Type.Object({
  id: Type.String(), key: Type.String(), name: Type.String(), shortName: Type.String(), regionCode: Type.String(),
  regionName: Type.String(), kind: orgKind,
  responsibleUnit: Type.String({ description: '责任部门 (§6)' }), responsiblePerson: Type.String({ description: '责任人 (§6)' }),
  responsiblePhone: Type.String(),
});

export const UserSchema = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), orgId: Type.String(), orgName: Type.String(),
  roles: Type.Array(Type.String()), disabled: Type.Boolean(), lockedUntil: Type.Union([Type.String(), Type.Null()]),
});

export const SubjectDatabaseSchema = Type.Object({
  id: Type.String(), kind: Type.Union([Type.Literal('basic'), Type.Literal('theme')]), name: Type.String(),
  leadOrgId: Type.String(), leadOrgName: Type.String(), description: Type.String(),
});
