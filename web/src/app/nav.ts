import { canDo } from '../lib/can';
import { P, type Permission } from '../lib/permissions';
import type { SessionUser } from '../lib/session';

export interface NavItem {
  label: string;
  to: string;
  permission: Permission;
  /** Also shown to users holding any of these instead (Activity: jobs, keys or minions). */
  anyOf?: Permission[];
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

/** The sidebar of both consoles; an item shows only to users holding its permission. */
export const NAV_SECTIONS: NavSection[] = [
  {
    title: 'Salt',
    items: [
      { label: 'Overview', to: '/', permission: P.minionsView, anyOf: [P.jobsView, P.keysView] },
      { label: 'Minions', to: '/minions', permission: P.minionsView },
      { label: 'Keys', to: '/keys', permission: P.keysView },
      { label: 'Jobs', to: '/jobs', permission: P.jobsView },
      { label: 'Run', to: '/run', permission: P.saltExecute },
      { label: 'Activity', to: '/activity', permission: P.jobsView, anyOf: [P.keysView, P.minionsView] },
    ],
  },
  {
    title: 'Plant',
    items: [
      { label: 'Plant overview', to: '/plant', permission: P.machinesView },
      { label: 'Machines', to: '/plant/machines', permission: P.machinesView },
      { label: 'Alerts', to: '/plant/alerts', permission: P.alertsView },
    ],
  },
  {
    title: 'Admin',
    items: [
      { label: 'Users', to: '/users', permission: P.usersView },
      { label: 'Roles', to: '/roles', permission: P.rolesView },
      { label: 'Audit', to: '/audit', permission: P.auditView },
      { label: 'API keys', to: '/settings/api-keys', permission: P.apiKeysView },
      { label: 'Settings', to: '/admin/settings', permission: P.settingsEdit },
    ],
  },
];

/** The sections and items `user` may see; empty sections are dropped. */
export function visibleNav(user: SessionUser | null): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter(
      (item) => canDo(user, item.permission) || (item.anyOf ?? []).some((permission) => canDo(user, permission)),
    ),
  })).filter((section) => section.items.length > 0);
}

/** Whether `user` sees any page of the section titled `title` ('Salt', 'Plant', 'Admin'). */
export function showsSection(user: SessionUser | null, title: string): boolean {
  return visibleNav(user).some((section) => section.title === title);
}

/** Where a user lands when the home page is not theirs: the first page they may see. */
export function firstAllowedPath(user: SessionUser | null): string | null {
  return visibleNav(user)[0]?.items[0]?.to ?? null;
}
