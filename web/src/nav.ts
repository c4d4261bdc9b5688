/**
 * The side menu and who sees each entry (DESIGN.md → Who uses it). Hiding a menu item is a courtesy:
 * the server refuses the calls of anyone without the role anyway.
 */
import type { Role } from '../../src/domain/access/roles.ts';
import type { MessageKey } from './i18n.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  /** Empty: any logged-in user. */
  roles: readonly Role[];
  icon: 'search' | 'folder' | 'audit' | 'rollback' | 'alert' | 'swap' | 'file' | 'team';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/catalog', label: 'nav.discovery', roles: [], icon: 'search' },
  { path: '/mine', label: 'nav.mine', roles: ['catalog_editor'], icon: 'folder' },
  { path: '/review', label: 'nav.review', roles: ['authority'], icon: 'audit' },
  { path: '/withdrawals', label: 'nav.withdrawals', roles: ['authority', 'catalog_editor'], icon: 'rollback' },
  { path: '/change-events', label: 'nav.changeEvents', roles: ['catalog_editor', 'authority'], icon: 'alert' },
  { path: '/import-export', label: 'nav.importExport', roles: ['catalog_editor'], icon: 'swap' },
  { path: '/audit', label: 'nav.audit', roles: ['auditor', 'security_officer', 'authority'], icon: 'file' },
  { path: '/admin', label: 'nav.admin', roles: ['super_admin'], icon: 'team' },
];

export function canSee(item: Pick<NavItem, 'roles'>, roles: readonly string[]): boolean {
  return item.roles.length === 0 || item.roles.some((r) => roles.includes(r));
}

export function rolesFor(path: string): readonly Role[] {
  return NAV_ITEMS.find((n) => n.path === path)?.roles ?? [];
}
