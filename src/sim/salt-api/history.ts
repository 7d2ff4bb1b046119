import { splitArgs } from './args.js';
import { EXEC_FUNCTIONS } from './exec/registry.js';
import { acceptedMinions, type Fleet } from './fleet.js';
import type { MinionReturn } from './job-cache.js';
import type { JsonValue } from './json.js';
import type { Master } from './master.js';
import { createRng, deriveSeed } from './rng.js';
import { resolveTarget } from './targeting.js';
import { jidFromMicros, nowMicros } from './time.js';

interface Template {
  fun: string;
  arg: JsonValue[];
  tgt: JsonValue;
  tgtType: string;
  user: string;
}

const USERS = ['ops-alice', 'ops-bob', 'root', 'saltapi'];

/**
 * Fills the job cache with the last hours of a busy master: pings, highstates, commands and package
 * inventories, with returns from the minions that were up. No events fire for these.
 */
export function seedHistory(master: Master, fleet: Fleet, count: number, seed: number): void {
  const rng = createRng(deriveSeed(seed, 'history'));
  const ids = acceptedMinions(fleet).map((m) => m.id);
  if (ids.length === 0 || count <= 0) return;
  const now = nowMicros();
  const span = 20 * 3600 * 1_000_000;
  const times = Array.from({ length: count }, () => now - 60_000_000 - Math.floor(rng.next() * span)).sort((a, b) => a - b);
  const templates = (): Template => {
    const roll = rng.next();
    const user = rng.pick(USERS);
    if (roll < 0.3) return { fun: 'test.ping', arg: [], tgt: '*', tgtType: 'glob', user: 'root' };
    if (roll < 0.55) return { fun: 'state.apply', arg: [], tgt: rng.pick(['web-*', 'db-*', '*', 'G@os_family:Debian', 'edge-*']), tgtType: 'compound', user };
    if (roll < 0.7) return { fun: 'cmd.run', arg: [rng.pick(['uptime', 'df -h', 'free -m', 'systemctl is-active nginx'])], tgt: rng.pick(ids), tgtType: 'glob', user };
    if (roll < 0.8) return { fun: 'pkg.list_pkgs', arg: [{ __kwarg__: true, attr: 'version,arch' }], tgt: ids.slice(0, 20), tgtType: 'list', user: 'saltapi' };
    if (roll < 0.9) return { fun: 'grains.items', arg: [], tgt: '*', tgtType: 'glob', user: 'saltapi' };
    return { fun: 'state.apply', arg: ['base'], tgt: rng.pick(['app-*', 'cache-*', 'lb-*']), tgtType: 'glob', user };
  };
  for (const at of times) {
    const t = templates();
    const minions = resolveTarget(fleet, t.tgt, t.tgtType).minions;
    if (minions.length === 0) continue;
    const jid = jidFromMicros(at);
    const returns = new Map<string, MinionReturn>();
    for (const id of minions) {
      const minion = fleet.minions.get(id);
      if (!minion?.connected) continue;
      const { args, kwargs } = splitArgs(t.arg);
      const fn = EXEC_FUNCTIONS[t.fun];
      if (!fn) continue;
      const outcome = fn.run({ minion, fun: t.fun, args, kwargs, jid, fleet, procs: master, jobDurationMs: 0, startedAt: at + 50_000 });
      const retcode = outcome.retcode ?? 0;
      returns.set(id, { return: outcome.return, retcode, success: retcode === 0, ...(outcome.out ? { out: outcome.out } : {}) });
    }
    master.cache.add({ jid, fun: t.fun, arg: t.arg, tgt: t.tgt, tgtType: t.tgtType, user: t.user, minions, returns });
  }
}
