import type { FastifyBaseLogger } from 'fastify';
import type { Worker } from '../../core/lifecycle.js';
import type { SaltEvent, SaltEventType } from '../client/parse/events.js';
import type { EventHub } from '../events/hub.js';
import type { SaltWorkerFactory } from '../connection/runtime.js';
import type { PollerSettings } from '../settings/schema.js';
import { GRAINS_BATCH, type MinionStateService } from './refresh.js';

interface PollerOptions {
  name: string;
  initialDelayMs: number;
  intervalMs: number;
  tick: (signal: AbortSignal) => Promise<unknown>;
  log: FastifyBaseLogger;
}

/**
 * Waits `initialDelayMs`, ticks, then ticks every `intervalMs` after the previous tick ended.
 * A failing tick is logged and the next one waits longer (doubling, at most 8×) until one works.
 */
export function pollerWorker(o: PollerOptions): Worker {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopping = false;
  let failures = 0;

  async function run(): Promise<void> {
    try {
      await o.tick(controller.signal);
      failures = 0;
    } catch (error) {
      failures += 1;
      if (!controller.signal.aborted) o.log.warn({ err: error, worker: o.name, failures }, 'minion poller tick failed');
    }
  }

  function schedule(delayMs: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      inFlight = run().finally(() => {
        inFlight = undefined;
        schedule(Math.min(o.intervalMs * 2 ** failures, o.intervalMs * 8));
      });
    }, delayMs);
    timer.unref();
  }

  return {
    name: o.name,
    start: () => schedule(o.initialDelayMs),
    async stop() {
      stopping = true;
      clearTimeout(timer);
      controller.abort();
      await inFlight;
    },
  };
}

type Tick = (state: MinionStateService, signal: AbortSignal) => Promise<unknown>;

const POLLERS: [name: string, interval: keyof PollerSettings, tick: Tick][] = [
  ['minion-keys', 'minion_state_keys_interval_seconds', (state, signal) => state.refreshKeys(signal)],
  ['minion-presence', 'minion_state_presence_interval_seconds', (state, signal) => state.refreshPresence(signal)],
  ['minion-grains', 'minion_state_grains_interval_seconds', (state, signal) => state.refreshGrains(signal)],
];

/**
 * What keeps the minion snapshot current while Salt is connected: the keys, presence and grains
 * pollers at the `minion_state_*` intervals (0 turns one off) after the initial delay, and the
 * event listener when the event stream is on.
 */
export function minionWorkers(state: MinionStateService, hub: Pick<EventHub<SaltEvent>, 'subscribe'>): SaltWorkerFactory[] {
  const pollers = POLLERS.map(([name, interval, tick]): SaltWorkerFactory => ({ pollers, log }) => {
    const seconds = Number(pollers[interval]);
    if (seconds <= 0) return null;
    const initialDelayMs = pollers.minion_state_initial_delay_seconds * 1000;
    return pollerWorker({ name, initialDelayMs, intervalMs: seconds * 1000, tick: (signal) => tick(state, signal), log });
  });
  const events: SaltWorkerFactory = ({ pollers, log }) => (pollers.event_stream_enabled ? minionEventWorker(state, hub, log) : null);
  return [...pollers, events];
}

const MINION_EVENTS = new Set<SaltEventType>(['key.accept', 'key.reject', 'key.delete', 'key.pend', 'minion.start', 'presence.change', 'presence.present']);

/**
 * Applies key, start and presence events from the hub to the snapshot as they arrive. A started
 * minion's grains are fetched behind the stream, 20 at a time, so a restart storm does not hold
 * the events up.
 */
export function minionEventWorker(state: MinionStateService, hub: Pick<EventHub<SaltEvent>, 'subscribe'>, log: FastifyBaseLogger): Worker {
  const controller = new AbortController();
  const wanted = new Set<string>();
  let loop: Promise<void> | undefined;
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (wanted.size > 0 && !controller.signal.aborted) {
      const ids = [...wanted].slice(0, GRAINS_BATCH);
      for (const id of ids) wanted.delete(id);
      await state.refreshGrainsOf(ids, controller.signal).catch((error: unknown) => {
        if (!controller.signal.aborted) log.warn({ err: error, minions: ids }, 'grains of started minions could not be read');
      });
    }
    draining = undefined;
  }

  async function consume(events: AsyncIterable<SaltEvent>): Promise<void> {
    for await (const event of events) {
      try {
        await state.onEvent(event);
      } catch (error) {
        log.warn({ err: error, tag: event.raw.tag }, 'minion snapshot update from an event failed');
      }
      if (event.event_type === 'minion.start') {
        wanted.add(event.minion_id);
        draining ??= drain();
      }
    }
  }

  return {
    name: 'minion-events',
    start() {
      const subscription = hub.subscribe({ filter: (event) => MINION_EVENTS.has(event.event_type), signal: controller.signal });
      loop ??= consume(subscription);
    },
    async stop() {
      controller.abort();
      await loop;
      await draining;
    },
  };
}
