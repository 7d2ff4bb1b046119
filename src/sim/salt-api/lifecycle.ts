import type { EventBus } from './events.js';
import { connectedIds, type Fleet, type Minion } from './fleet.js';
import type { Master } from './master.js';
import { asctime, nowMicros } from './time.js';

/**
 * Minions starting, stopping and (re)authenticating, with the events a master fires for each:
 * `salt/auth`, `minion_start` + `salt/minion/<id>/start`, `salt/presence/change`.
 */
export class MinionLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly fleet: Fleet,
    private readonly bus: EventBus,
    private readonly master: Master,
    private readonly authRetryMs: number,
  ) {}

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private minion(id: string): Minion {
    const minion = this.fleet.minions.get(id);
    if (!minion) throw new Error(`unknown minion ${id}`);
    return minion;
  }

  /** The minion authenticates: accepted keys connect, others are refused with their key's verdict. */
  authenticate(minion: Minion): void {
    if (!minion.running || minion.connected) return;
    const act = minion.key === 'minions' ? 'accept' : minion.key === 'minions_rejected' ? 'reject'
      : minion.key === 'minions_denied' ? 'denied' : 'pend';
    if (minion.key === null) minion.key = 'minions_pre';
    this.bus.fire('salt/auth', { result: act === 'accept' || act === 'pend', act, id: minion.id, pub: minion.pub });
    if (act !== 'accept') return;
    minion.connected = true;
    const started = `Minion ${minion.id} started at ${asctime(nowMicros())}`;
    for (const tag of ['minion_start', `salt/minion/${minion.id}/start`]) {
      this.bus.fire(tag, { id: minion.id, cmd: '_minion_event', pretag: null, data: started, tag });
    }
    this.bus.fire('salt/presence/change', { new: [minion.id], lost: [] });
  }

  private disconnect(minion: Minion): void {
    this.master.stopMinion(minion.id);
    if (!minion.connected) return;
    minion.connected = false;
    this.bus.fire('salt/presence/change', { new: [], lost: [minion.id] });
  }

  /** Starts or stops a minion process (the test and demo control for "a minion goes offline"). */
  setOnline(id: string, online: boolean): void {
    const minion = this.minion(id);
    if (minion.running === online) return;
    minion.running = online;
    if (online) this.authenticate(minion);
    else this.disconnect(minion);
  }

  /** After `key.accept`, a waiting minion gets in on its next authentication attempt. */
  keyAccepted(id: string): void {
    const minion = this.minion(id);
    if (minion.running) this.later(() => this.authenticate(minion), this.authRetryMs);
  }

  /**
   * After `key.reject` / `key.delete` the master drops the minion's session and rotates the AES key;
   * a still-running minion re-authenticates and lands in `minions_pre` (deleted) or is refused (rejected).
   */
  keyRemoved(id: string, wasAccepted: boolean): void {
    const minion = this.minion(id);
    this.disconnect(minion);
    if (wasAccepted) this.bus.fire('key', { rotate_aes_key: true });
    if (minion.running) this.later(() => this.authenticate(minion), this.authRetryMs);
  }

  /** `salt/presence/present`, fired every `loop_interval` when `presence_events` is on. */
  presenceTick(): void {
    this.bus.fire('salt/presence/present', { present: connectedIds(this.fleet) });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
