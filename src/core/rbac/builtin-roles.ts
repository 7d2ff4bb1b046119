import type { Grant } from './permissions.js';

export interface BuiltinRole {
  name: string;
  description: string;
  grants: Grant[];
}

const g = (verb: string, resource_glob: string): Grant => ({ verb, resource_glob });

/** The plant console's resource families (plant.md). */
const PLANT_FAMILIES = [
  'site', 'line', 'machine', 'reading', 'alert', 'alert_rule', 'maintenance', 'work_order',
  'downtime', 'shift', 'oee', 'part', 'fleet', 'prediction', 'report', 'erp', 'channel', 'billing',
];

const viewPlant = PLANT_FAMILIES.map((family) => g('view', `${family}:*`));

/**
 * The built-in roles, synced on every start. Salt's `operator` and `viewer` and the plant's
 * roles of the same names are one role each, holding both consoles' grants, because Fleetdeck
 * has one user base and one RBAC engine. Built-in grants are fixed by the release: to change
 * them, create a custom role.
 */
export const BUILTIN_ROLES: BuiltinRole[] = [
  {
    name: 'admin',
    description: 'Full access to all features and administration.',
    grants: [g('*', '*')],
  },
  {
    name: 'operator',
    description:
      'Run Salt commands and manage keys; acknowledge alerts and log production. No user administration.',
    grants: [
      g('view', '*'), g('run', '*'), g('accept', 'key:*'), g('reject', 'key:*'), g('delete', 'key:*'),
      g('execute', 'salt:*'), g('kill', 'job:*'),
      g('acknowledge', 'alert:*'), g('manage', 'downtime:*'), g('manage', 'shift:*'),
      g('update', 'work_order:*'),
    ],
  },
  {
    name: 'viewer',
    description: 'Read-only access to everything except users, roles and audit.',
    grants: [
      g('view', 'minion:*'), g('view', 'key:*'), g('view', 'job:*'), g('view', 'grain:*'),
      g('view', 'pillar:*'), g('view', 'event:*'), g('view', 'setting:*'), g('view', 'inventory:*'),
      ...viewPlant,
    ],
  },
  {
    name: 'plant_admin',
    description: 'Full access to the plant console: assets, rules, maintenance, integrations, keys.',
    grants: [
      ...PLANT_FAMILIES.map((family) => g('*', `${family}:*`)),
      g('*', 'api_key:*'), g('view', 'user:*'), g('view', 'role:*'), g('view', 'audit:*'),
    ],
  },
  {
    name: 'manager',
    description: 'Plans maintenance, approves and closes work orders, reads reports and KPIs.',
    grants: [
      ...viewPlant,
      g('manage', 'maintenance:*'), g('manage', 'work_order:*'), g('update', 'work_order:*'),
      g('sign', 'work_order:*'), g('close', 'work_order:*'), g('acknowledge', 'alert:*'),
      g('manage', 'alert_rule:*'), g('manage', 'shift:*'), g('manage', 'downtime:*'),
      g('manage', 'part:*'), g('create', 'report:*'), g('view', 'audit:*'),
    ],
  },
  {
    name: 'technician',
    description: 'Works work orders: checklists, parts, labor and sign-offs; acknowledges alerts.',
    grants: [
      ...viewPlant,
      g('update', 'work_order:*'), g('sign', 'work_order:*'), g('create', 'work_order:*'),
      g('acknowledge', 'alert:*'), g('issue', 'part:*'), g('manage', 'downtime:*'),
    ],
  },
  {
    name: 'edge_agent',
    description: 'Template for edge gateways\u2019 API keys: pushes readings, nothing else.',
    grants: [g('ingest', 'reading:*')],
  },
];
