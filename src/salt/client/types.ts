/** Where and how to reach one salt-api (rest_cherrypy) instance. */
export interface SaltConnection {
  url: string;
  username: string;
  password: string;
  eauth: 'pam' | 'sharedsecret' | 'ldap' | 'file' | 'auto';
  verifyTls: boolean;
}

/** The part of a pino (or Fastify) logger the client uses. */
export interface SaltLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SaltClientOptions {
  /** Deadline for one call, retries and re-login included (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx (default 3). */
  maxRetries?: number;
  /** Epoch milliseconds; drives token expiry (default `Date.now`). */
  clock?: () => number;
  logger?: SaltLogger;
  /** Back-off between retries: `min(baseMs · 2^attempt, maxMs)` (default 500 ms, 4 s). */
  backoff?: { baseMs: number; maxMs: number };
  /** The master's IANA zone, used to write `start_time` for `jobs.list_jobs` (default UTC). */
  masterTimeZone?: string;
}

/** Per-call overrides. */
export interface CallOptions {
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}

export type TargetType =
  | 'glob' | 'list' | 'pcre' | 'grain' | 'grain_pcre' | 'pillar' | 'pillar_pcre' | 'pillar_exact'
  | 'nodegroup' | 'range' | 'compound' | 'ipcidr';

/** A minion target: a bare string is a glob; a list target may be an array of ids. */
export type SaltTarget = string | { tgt: string; type?: TargetType } | { tgt: string[]; type: 'list' };

/** Arguments for the `local` family. Keyword arguments always travel under `kwarg`. */
export interface LocalParams {
  arg?: unknown[];
  kwarg?: Record<string, unknown>;
  /** Seconds the master waits for minions (Salt's `timeout`). */
  timeout?: number;
  gather_job_timeout?: number;
  /** Wrap each answer as `{ret, retcode, jid}` (the only way to see a retcode synchronously). */
  full_return?: boolean;
}

export interface LocalAsyncResult {
  jid: string;
  minions: string[];
}

export interface AsyncRunResult {
  tag: string;
  jid: string;
}

/** What `saltutil.kill_job` did on each minion it was sent to. */
export interface KillJobResult {
  jid: string;
  targeted: string[];
  /** The minion reported a signal sent to the job's process. */
  signalled: string[];
  /** The minion answered but was not running the job (any more). */
  notRunning: string[];
  /** The minion did not answer. */
  noReply: string[];
}
