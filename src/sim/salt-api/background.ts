import { acceptedMinions, type Fleet } from './fleet.js';
import type { MinionLifecycle } from './lifecycle.js';
import type { Master } from './master.js';
import { createRng, deriveSeed } from './rng.js';

/** The few minions tests and demos rely on; the generator never takes them down. */
const STABLE = new Set(['web-01', 'db-01', 'cache-01']);

/**
 * Synthetic activity for demos: a job every few seconds, the odd minion dropping off and coming
 * back, pending minions retrying authentication. Each tick schedules the next one when it ends.
 */
export class BackgroundActivity {
  private timer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly rng;
  private stopping = false;

  constructor(private readonly master: Master, private readonly fleet: Fleet, private readonly lifecycle: MinionLifecycle, seed: number, private readonly intervalMs: number) {
    this.rng = createRng(deriveSeed(seed, 'background'));
  }

  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      try {
        this.tick();
      } finally {
        this.schedule();
      }
    }, this.intervalMs * (0.5 + this.rng.next()));
  }

  /** One synthetic action; public so a test or demo script can force one. */
  tick(): void {
    const ids = acceptedMinions(this.fleet).map((m) => m.id);
    if (ids.length === 0) return;
    const roll = this.rng.next();
    const user = this.rng.pick(['ops-alice', 'ops-bob', 'root']);
    if (roll < 0.3) this.master.publish({ tgt: '*', tgtType: 'glob', fun: 'test.ping', arg: [], user: 'root' });
    else if (roll < 0.5) this.master.publish({ tgt: this.rng.pick(['web-*', 'db-*', 'app-*', 'edge-*', '*']), tgtType: 'glob', fun: 'state.apply', arg: [], user });
    else if (roll < 0.65) this.master.publish({ tgt: [this.rng.pick(ids)], tgtType: 'list', fun: 'cmd.run', arg: [this.rng.pick(['uptime', 'df -h', 'free -m'])], user });
    else if (roll < 0.75) this.master.publish({ tgt: 'G@os_family:RedHat', tgtType: 'compound', fun: 'pkg.list_pkgs', arg: [], user: 'saltapi' });
    else if (roll < 0.82) this.master.publish({ tgt: this.rng.pick(['build-*', 'app-*']), tgtType: 'glob', fun: 'test.sleep', arg: [this.rng.int(20, 60)], user });
    else if (roll < 0.9) this.flap(ids);
    else this.retryPending();
  }

  /** A minion drops off and comes back 20 to 60 seconds later. */
  private flap(ids: string[]): void {
    const candidates = ids.filter((id) => !STABLE.has(id) && this.fleet.minions.get(id)?.running);
    if (candidates.length === 0) return;
    const id = this.rng.pick(candidates);
    this.lifecycle.setOnline(id, false);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.lifecycle.setOnline(id, true);
    }, this.rng.int(20_000, 60_000));
    this.timers.add(timer);
  }

  /** Minions with unaccepted keys keep knocking (`salt/auth` with `act: pend`). */
  private retryPending(): void {
    for (const minion of this.fleet.minions.values()) {
      if (minion.running && minion.key !== 'minions') this.lifecycle.authenticate(minion);
    }
  }

  stop(): void {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    for (const timer of this.timers) clearTimeout(timer);
  }
}
