import type { AuthStore } from './auth.js';
import type { EventBus } from './events.js';
import type { Fleet } from './fleet.js';
import type { KeyStore } from './keys.js';
import type { MinionLifecycle } from './lifecycle.js';
import type { Master } from './master.js';
import type { Stats } from './stats.js';

/** Everything a request handler can reach: the simulated master, its minions and salt-api's own state. */
export interface Sim {
  fleet: Fleet;
  bus: EventBus;
  master: Master;
  keys: KeyStore;
  auth: AuthStore;
  lifecycle: MinionLifecycle;
  stats: Stats;
  /** Idle SSE streams get a comment line this often (0 = never, as real salt-api). */
  keepaliveMs: number;
}

/** Who runs a chunk: the eauth user, and which kind of authentication failed, if any. */
export interface Caller {
  user: string;
  authFailure?: 'token' | 'eauth';
}
