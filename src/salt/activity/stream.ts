import type { ActivityFanout } from './fanout.js';
import type { ActivityEventView } from './schema.js';

/**
 * One browser's live feed: the replayed events, then what the fan-out delivers, filtered to the
 * categories the user may see. Iterate it to write; `close()` (client gone, server closing) ends
 * the iteration.
 */
export interface ActivityStream extends AsyncIterable<ActivityEventView> {
  /** How often the writer sends a keepalive comment. */
  readonly keepaliveMs: number;
  /** The client fell so far behind that its queue overflowed: it is cut off, not waited for. */
  readonly cutOff: boolean;
  /** Resolves when the stream is closed, for whatever reason. */
  readonly closed: Promise<void>;
  /** The writer says the socket is full (it waits for `drain`) or takes more again. */
  setBlocked(blocked: boolean): void;
  close(): void;
}

export interface ClientStreamOptions {
  fanout: Pick<ActivityFanout, 'subscribe'>;
  categories: ReadonlySet<string>;
  /** Loads the replay (oldest first); called after the live subscription exists, so nothing falls between. */
  replay: () => Promise<ActivityEventView[]>;
  /**
   * Live events queued for a client whose socket is full before it is cut off. A burst while the
   * socket still takes data may queue ten times as many: the writer is about to drain them.
   */
  queueLimit: number;
  keepaliveMs: number;
  onClose?: (stream: ActivityStream) => void;
}

/** Subscribes first, then replays; a live event the replay already held is skipped by id. */
export async function openClientStream(o: ClientStreamOptions): Promise<ActivityStream> {
  let queue: ActivityEventView[] = [];
  let waiter: (() => void) | null = null;
  let isClosed = false;
  let cutOff = false;
  let blocked = false;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const wake = () => {
    const w = waiter;
    waiter = null;
    w?.();
  };

  const unsubscribe = o.fanout.subscribe((event) => {
    if (isClosed || !o.categories.has(event.category)) return;
    if (queue.length >= (blocked ? o.queueLimit : o.queueLimit * 10)) {
      cutOff = true;
      stream.close();
      return;
    }
    queue.push(event);
    wake();
  });

  const stream: ActivityStream = {
    keepaliveMs: o.keepaliveMs,
    get cutOff() {
      return cutOff;
    },
    closed,
    setBlocked(value) {
      blocked = value;
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      unsubscribe();
      queue = [];
      wake();
      resolveClosed();
      o.onClose?.(stream);
    },
    async *[Symbol.asyncIterator]() {
      const replayed = new Set(backlog.map((event) => event.id));
      for (const event of backlog) {
        if (isClosed) return;
        yield event;
      }
      while (!isClosed) {
        const event = queue.shift();
        if (event === undefined) {
          await new Promise<void>((resolve) => (waiter = resolve));
          continue;
        }
        if (!replayed.has(event.id)) yield event;
      }
    },
  };

  let backlog: ActivityEventView[] = [];
  try {
    backlog = await o.replay();
  } catch (error) {
    stream.close();
    throw error;
  }
  return stream;
}
