/**
 * Which usage views (数据使用记录, §38) a user has: a department's own calls and who used its data
 * for department roles; every record for the authority and auditors (GET /access-records?view=all
 * refuses anyone else). The first view is the one the page opens with.
 */
export type UsageView = 'mine' | 'provided' | 'all';

const DEPARTMENT_ROLES = ['requester', 'data_steward', 'approver', 'catalog_editor'];

export function usageViews(roles: readonly string[]): UsageView[] {
  const views: UsageView[] = [];
  if (roles.includes('authority') || roles.includes('auditor')) views.push('all');
  if (roles.some((r) => DEPARTMENT_ROLES.includes(r))) views.push('mine', 'provided');
  return views;
}

/** The view asked for in the address when the user has it, else the user's first. */
export function pickUsageView(asked: string | null, views: readonly UsageView[]): UsageView | undefined {
  return views.find((v) => v === asked) ?? views[0];
}
