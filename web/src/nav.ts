/**
 * The side menu and who sees each entry (DESIGN.md → Who uses it). Hiding a menu item is a courtesy:
 * the server refuses the calls of anyone without the role anyway.
 */
import type { Role } from '../../src/domain/access/roles.ts';
import type { MessageKey } from './i18n.ts';

export type NavGroup = 'catalog' | 'requests' | 'grants' | 'delivery' | 'oversight';

export interface NavItem {
  path: string;
  label: MessageKey;
  /** Empty: any logged-in user. */
  roles: readonly Role[];
  icon:
    | 'search' | 'folder' | 'audit' | 'rollback' | 'alert' | 'swap' | 'file' | 'team'
    | 'send' | 'inbox' | 'review' | 'eye' | 'safety' | 'key' | 'objection' | 'api';
  group: NavGroup;
}

export const NAV_GROUPS: readonly { key: NavGroup; label: MessageKey }[] = [
  { key: 'catalog', label: 'nav.catalogGroup' },
  { key: 'requests', label: 'nav.requestsGroup' },
  { key: 'grants', label: 'nav.grantsGroup' },
  { key: 'delivery', label: 'nav.deliveryGroup' },
  { key: 'oversight', label: 'nav.superviseGroup' },
];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/catalog', label: 'nav.discovery', roles: [], icon: 'search', group: 'catalog' },
  { path: '/mine', label: 'nav.mine', roles: ['catalog_editor'], icon: 'folder', group: 'catalog' },
  { path: '/review', label: 'nav.review', roles: ['authority'], icon: 'audit', group: 'catalog' },
  { path: '/withdrawals', label: 'nav.withdrawals', roles: ['authority', 'catalog_editor'], icon: 'rollback', group: 'catalog' },
  { path: '/change-events', label: 'nav.changeEvents', roles: ['catalog_editor', 'authority'], icon: 'alert', group: 'catalog' },
  { path: '/import-export', label: 'nav.importExport', roles: ['catalog_editor'], icon: 'swap', group: 'catalog' },
  // 共享申请 (§27–§30): one list per party.
  { path: '/requests/mine', label: 'nav.requestsMine', roles: ['requester'], icon: 'send', group: 'requests' },
  { path: '/requests/incoming', label: 'nav.requestsIncoming', roles: ['approver'], icon: 'inbox', group: 'requests' },
  { path: '/requests/review', label: 'nav.requestsReview', roles: ['authority'], icon: 'review', group: 'requests' },
  { path: '/requests/all', label: 'nav.requestsAll', roles: ['auditor'], icon: 'eye', group: 'requests' },
  // 授权、整体授权、异议 (§29, §31, §32).
  { path: '/grants', label: 'nav.grants', roles: ['requester', 'data_steward', 'approver', 'authority', 'auditor'], icon: 'safety', group: 'grants' },
  { path: '/whole-authorizations', label: 'nav.whole', roles: ['approver'], icon: 'key', group: 'grants' },
  { path: '/objections', label: 'nav.objections', roles: ['requester', 'data_steward', 'approver', 'authority', 'auditor'], icon: 'objection', group: 'grants' },
  // 数据交付: the department's consumer apps and their signed calls (docs/signing.md).
  { path: '/apps', label: 'nav.apps', roles: ['data_steward', 'requester'], icon: 'api', group: 'delivery' },
  // 库表交换 (§17): sync targets and runs of the department's table grants.
  { path: '/sync', label: 'nav.sync', roles: ['data_steward'], icon: 'swap', group: 'delivery' },
  // 数据使用记录 (§38): our calls and who used our data; every record for the authority and auditors (web/src/usage.ts).
  { path: '/usage', label: 'nav.usage', roles: ['requester', 'data_steward', 'approver', 'catalog_editor', 'authority', 'auditor'], icon: 'eye', group: 'delivery' },
  // 监督检查、安全事件、数据销毁、安全态势 (security rules §29–§34).
  { path: '/security/grading', label: 'grading.title', roles: [], icon: 'safety', group: 'oversight' },
  { path: '/security/posture', label: 'nav.posture', roles: ['authority', 'security_officer', 'auditor'], icon: 'safety', group: 'oversight' },
  { path: '/security/inspections', label: 'nav.inspections', roles: ['authority', 'security_officer', 'auditor'], icon: 'review', group: 'oversight' },
  { path: '/security/incidents', label: 'nav.incidents', roles: ['authority', 'security_officer', 'auditor'], icon: 'alert', group: 'oversight' },
  { path: '/security/destructions', label: 'nav.destructions', roles: ['data_steward', 'approver', 'authority', 'security_officer', 'auditor'], icon: 'rollback', group: 'oversight' },
  { path: '/audit', label: 'nav.audit', roles: ['auditor', 'security_officer', 'authority'], icon: 'file', group: 'oversight' },
  { path: '/admin', label: 'nav.admin', roles: ['super_admin'], icon: 'team', group: 'oversight' },
  // 权限复核 (security rules §13–§14).
  { path: '/security/access-review', label: 'review.nav', roles: ['security_officer', 'auditor'], icon: 'eye', group: 'oversight' },
];

export function canSee(item: Pick<NavItem, 'roles'>, roles: readonly string[]): boolean {
  // "Any user" means any business user: the platform operator sees no business pages (security rules §13–§14).
  if (item.roles.length === 0) return !roles.includes('super_admin');
  return item.roles.some((r) => roles.includes(r));
}

export function rolesFor(path: string): readonly Role[] {
  return NAV_ITEMS.find((n) => n.path === path)?.roles ?? [];
}
