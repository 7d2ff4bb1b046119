// Payload shapes of `/api/minions` (salt-console.md §4, src/salt/minions/schema.ts). Declared
// here until the web app switches to `import type` from the server schema.

export type MinionStatus = 'online' | 'offline' | 'pending' | 'rejected' | 'denied';

export interface MinionSummary {
  id: string;
  ip: string | null;
  status: MinionStatus;
  os: string | null;
  os_family: string | null;
  osrelease: string | null;
  saltversion: string | null;
}

export interface MinionList {
  total: number;
  minions: MinionSummary[];
  /** The oldest refresh of keys, presence and grains. */
  last_refreshed_at: string | null;
  /** The snapshot is more than 10 minutes old (a poller is not running). */
  is_stale: boolean;
}

export interface MinionDetail {
  id: string;
  status: MinionStatus;
  ip: string | null;
  grains: Record<string, unknown> | null;
  last_refreshed_at: string | null;
  is_stale: boolean;
}

export type RunStatus = 'healthy' | 'changed' | 'unhealthy' | 'blocked';

export interface MinionRun {
  id: string;
  jid: string;
  fun: string;
  completed_at: string;
  pass_count: number;
  fail_count: number;
  change_count: number;
  total_count: number;
  duration_ms: number;
  blocked: boolean;
  status: RunStatus;
}

export interface MinionRuns {
  minion_id: string;
  total: number;
  runs: MinionRun[];
}

export interface ComplianceBucket {
  completed_at: string;
  jid: string;
  pass_count: number;
  fail_count: number;
  change_count: number;
  total_count: number;
  status: RunStatus;
}

export interface MinionCompliance {
  minion_id: string;
  buckets: ComplianceBucket[];
}
