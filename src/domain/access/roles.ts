/**
 * Roles of the platform (DESIGN.md → Who uses it; security rules §13–§14 least privilege: the super
 * admin operates the platform and is kept apart from every business role).
 */
export const ROLES = [
  'super_admin',
  'authority',
  'catalog_editor',
  'data_steward',
  'approver',
  'requester',
  'security_officer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  super_admin: { zh: '超级管理员', en: 'Super admin' },
  authority: { zh: '主管部门审核员', en: 'Authority reviewer' },
  catalog_editor: { zh: '目录编制员', en: 'Catalog editor' },
  data_steward: { zh: '数据管理员', en: 'Data steward' },
  approver: { zh: '授权审批人', en: 'Approver' },
  requester: { zh: '数据申请人', en: 'Requester' },
  security_officer: { zh: '安全管理员', en: 'Security officer' },
  auditor: { zh: '审计员', en: 'Auditor' },
};

/** Roles that only make sense for a user of the region's authority (政务数据主管部门). */
export const AUTHORITY_ONLY_ROLES: readonly Role[] = ['authority'];
/** The platform operator may hold no business role alongside (security rules §13–§14). */
export const EXCLUSIVE_ROLES: readonly Role[] = ['super_admin', 'auditor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Problems with a set of roles for a user of an org of the given kind; empty when acceptable.
 * Separation of duties (security rules §14): super_admin and auditor stand alone.
 */
export function roleProblems(roles: readonly string[], orgKind: 'authority' | 'department'): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  if (roles.length === 0) problems.push({ zh: '至少需要一个角色', en: 'at least one role is required' });
  for (const r of roles) {
    if (!isRole(r)) problems.push({ zh: `未知角色 ${r}`, en: `unknown role ${r}` });
  }
  for (const r of EXCLUSIVE_ROLES) {
    if (roles.includes(r) && roles.length > 1) {
      problems.push({ zh: `${ROLE_LABELS[r].zh}不得兼任其他角色（安全细则第十四条）`, en: `${r} cannot be combined with other roles (security rules §14)` });
    }
  }
  if (orgKind !== 'authority' && roles.some((r) => AUTHORITY_ONLY_ROLES.includes(r as Role))) {
    problems.push({ zh: '主管部门审核员须属于政务数据主管部门', en: 'the authority role belongs to users of a data authority' });
  }
  return problems;
}
