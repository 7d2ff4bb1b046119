import type { AddressInfo } from 'node:net';
import { AuthStore } from './auth.js';
import { BackgroundActivity } from './background.js';
import { EventBus, type BusEvent } from './events.js';
import { acceptedMinions, buildFleet, connectedIds } from './fleet.js';
import { seedHistory } from './history.js';
import type { JsonObject, JsonValue } from './json.js';
import { KeyStore } from './keys.js';
import { MinionLifecycle } from './lifecycle.js';
import { Master } from './master.js';
import { createSaltApiServer } from './server.js';
import type { Sim } from './sim.js';
import { Stats } from './stats.js';

export type { BusEvent } from './events.js';
export type { JsonObject, JsonValue } from './json.js';

export interface SaltApiSimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  minions?: number;
  seed?: number;
  username?: string;
  password?: string;
  /** Lifetime of the Salt token behind a session (`expire` - `start`); Salt's default is 12 h. */
  tokenTtlSeconds?: number;
  /** Base run time of slow jobs (state runs, upgrades); `test.sleep N` always takes N seconds. */
  jobDurationMs?: number;
  offlineMinions?: number;
  pendingKeys?: number;
  rejectedKeys?: number;
  deniedKeys?: number;
  /** Synthetic jobs, flapping minions and auth retries every few seconds (off by default). */
  background?: boolean;
  backgroundIntervalMs?: number;
  /** Jobs pre-loaded into the job cache, spread over the last 20 hours. */
  historyJobs?: number;
  /** How long a minion takes to (re)authenticate after its key changes; Salt's acceptance_wait_time is 10 s. */
  authRetryMs?: number;
  /** `salt/presence/present` interval (`loop_interval`); 0 disables. */
  presenceIntervalMs?: number;
  /** SSE comment keepalive; 0 sends none, like real salt-api. */
  keepaliveMs?: number;
  /** The `perms` `/login` reports. */
  perms?: JsonValue[];
}

export interface SaltApiSimulator {
  url: string;
  username: string;
  password: string;
  close(): Promise<void>;
  /** Starts or stops a minion (its jobs die with it; it re-authenticates when it comes back). */
  setOnline(minionId: string, online: boolean): void;
  /** Minions with accepted keys, sorted. */
  minionIds(): string[];
  /** Accepted minions that are connected right now (`manage.present`). */
  onlineMinionIds(): string[];
  /** The key directories, as `key.list_all` returns them. */
  keys(): JsonObject;
  grains(minionId: string): JsonObject | undefined;
  nodegroups(): Record<string, string>;
  /** Every event fired on the master bus from now on. */
  onEvent(listener: (event: BusEvent) => void): () => void;
  /** Makes every issued Salt token expire now (sessions stay), to exercise re-login paths. */
  expireTokens(): void;
  /** Fires `salt/presence/present` now. */
  presenceTick(): void;
}

/** Starts the bundled Salt-API simulator: a seeded fleet behind a rest_cherrypy-compatible HTTP API. */
export async function startSaltApiSimulator(options: SaltApiSimulatorOptions = {}): Promise<SaltApiSimulator> {
  const o = {
    host: '127.0.0.1', port: 0, minions: 40, seed: 1, username: 'salt', password: 'salt', tokenTtlSeconds: 43_200,
    jobDurationMs: 3000, offlineMinions: 2, pendingKeys: 3, rejectedKeys: 1, deniedKeys: 1, background: false,
    backgroundIntervalMs: 5000, historyJobs: 60, authRetryMs: 10_000, presenceIntervalMs: 60_000, keepaliveMs: 15_000,
    perms: ['.*', '@jobs', '@runner', '@wheel'] as JsonValue[],
    // An option passed as undefined keeps its default.
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const fleet = buildFleet({ minions: o.minions, seed: o.seed, offlineMinions: o.offlineMinions, pendingKeys: o.pendingKeys, rejectedKeys: o.rejectedKeys, deniedKeys: o.deniedKeys });
  const bus = new EventBus();
  const master = new Master(fleet, bus, o.jobDurationMs);
  const lifecycle = new MinionLifecycle(fleet, bus, master, o.authRetryMs);
  let bind = `('${o.host}', ${o.port})`;
  const sim: Sim = {
    fleet, bus, master, lifecycle, keys: new KeyStore(fleet, bus, lifecycle),
    auth: new AuthStore({ username: o.username, password: o.password, tokenTtlSeconds: o.tokenTtlSeconds, perms: o.perms }),
    stats: new Stats(() => bind), keepaliveMs: o.keepaliveMs,
  };
  seedHistory(master, fleet, o.historyJobs, o.seed);
  const server = createSaltApiServer(sim);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  bind = `('${o.host}', ${port})`;

  let presenceTimer: NodeJS.Timeout | undefined;
  const presence = (): void => {
    presenceTimer = setTimeout(() => {
      lifecycle.presenceTick();
      presence();
    }, o.presenceIntervalMs);
  };
  if (o.presenceIntervalMs > 0) presence();
  const background = o.background ? new BackgroundActivity(master, fleet, lifecycle, o.seed, o.backgroundIntervalMs) : undefined;
  background?.start();

  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    username: o.username,
    password: o.password,
    async close() {
      if (presenceTimer) clearTimeout(presenceTimer);
      background?.stop();
      lifecycle.close();
      master.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setOnline: (id, online) => lifecycle.setOnline(id, online),
    minionIds: () => acceptedMinions(fleet).map((m) => m.id),
    onlineMinionIds: () => connectedIds(fleet),
    keys: () => sim.keys.listAll(),
    grains: (id) => fleet.minions.get(id)?.grains,
    nodegroups: () => ({ ...fleet.nodegroups }),
    onEvent: (listener) => bus.subscribe(listener),
    expireTokens: () => sim.auth.expireAll(),
    presenceTick: () => lifecycle.presenceTick(),
  };
}
