import type { Generated } from 'kysely';

/** Timestamps are ISO-8601 UTC strings on both engines (see dialect.ts). */
type Timestamp = string;
/** 0/1 on both engines. */
type Flag = number;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  email: string | null;
  is_active: Flag;
  is_builtin: Flag;
  must_change_pw: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string;
  ip: string;
}

export interface RolesTable {
  id: string;
  name: string;
  description: string;
  is_builtin: Flag;
}

export interface PermissionsTable {
  id: string;
  role_id: string;
  verb: string;
  resource_glob: string;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  actor: string;
  actor_type: string;
  action: string;
  resource: string;
  args_json: string | null;
  before_json: string | null;
  after_json: string | null;
  salt_jid: string | null;
  decision: string;
  result_code: number;
  duration_ms: number;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the head of the audit hash chain, locked by each append. */
export interface AuditChainTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  permissions_json: string;
  site_ids_json: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AppSettingsTable {
  key: string;
  value_json: string;
  updated_at: Timestamp;
}

export interface JobsIndexTable {
  jid: string;
  function: string;
  target: string;
  target_type: string | null;
  user: string | null;
  started_at: Timestamp;
  seen_at: Timestamp;
  arguments_json: string | null;
  minions_json: string | null;
  minion_count: number | null;
  /** Who saw the job first: `event`, `poll` or `run`. */
  source: string;
}

export interface JobReturnsTable {
  jid: string;
  minion_id: string;
  function: string;
  success: Flag | null;
  retcode: number | null;
  /** gzip of the return's JSON, capped; `truncated` says the cap cut it. */
  return_gz: Buffer;
  return_bytes: number;
  truncated: Flag;
  returned_at: Timestamp;
}

export interface MinionSnapshotsTable {
  minion_id: string;
  key_status: string;
  online: Flag;
  primary_ip: string | null;
  os: string | null;
  os_family: string | null;
  osrelease: string | null;
  kernel: string | null;
  kernelrelease: string | null;
  virtual_type: string | null;
  num_cpus: number | null;
  mem_total_mb: number | null;
  saltversion: string | null;
  grains_json: string | null;
  keys_refreshed_at: Timestamp | null;
  presence_refreshed_at: Timestamp | null;
  grains_refreshed_at: Timestamp | null;
  last_seen_at: Timestamp | null;
}

export interface HighstateRunsTable {
  id: string;
  minion_id: string;
  jid: string;
  function: string;
  started_at: Timestamp;
  completed_at: Timestamp;
  pass_count: number;
  fail_count: number;
  change_count: number;
  total_count: number;
  duration_ms: number;
  blocked: Flag;
  raw_result_json: string;
}

export interface ActivityEventsTable {
  id: Generated<number>;
  ts: Timestamp;
  category: string;
  event_type: string;
  minion_id: string | null;
  jid: string | null;
  function: string | null;
  success: Flag | null;
  changed: Flag | null;
  initiator: string | null;
  target: string | null;
  duration_ms: number | null;
  summary: string;
  raw_json: string | null;
}

/** The database as Kysely sees it. */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  roles: RolesTable;
  permissions: PermissionsTable;
  user_roles: UserRolesTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  app_settings: AppSettingsTable;
  jobs_index: JobsIndexTable;
  job_returns: JobReturnsTable;
  minion_snapshots: MinionSnapshotsTable;
  highstate_runs: HighstateRunsTable;
  activity_events: ActivityEventsTable;
}

