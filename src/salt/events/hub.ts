/** A live subscription: iterate it for events; `close()` (or the signal) ends the iteration. */
export interface Subscription<T> extends AsyncIterable<T> {
  /** Events this subscriber lost because its queue was full. */
  readonly dropped: number;
  close(): void;
}

export interface SubscribeOptions<T> {
  /** Start with the ring's recent events (oldest first). */
  replay?: boolean;
  /** Only events this accepts are queued (and replayed). */
  filter?: (event: T) => boolean;
  signal?: AbortSignal;
}

export interface EventHubOptions {
  /** Recent events kept for replay (default 500). */
  ringSize?: number;
  /** Events queued per subscriber before it starts dropping (default 1000). */
  queueSize?: number;
  /** Told once per subscriber when it starts dropping. */
  onDrop?: (info: { subscriber: number; dropped: number }) => void;
}

/**
 * In-process pub/sub: a ring of the last events for replay, and a bounded queue per subscriber.
 * Publishing never waits: a subscriber whose queue is full loses the event (counted), so one slow
 * consumer cannot hold up the stream or the others.
 */
export function createEventHub<T>(options: EventHubOptions = {}) {
  const ringSize = options.ringSize ?? 500;
  const queueSize = options.queueSize ?? 1000;
  const ring: T[] = [];
  let ringStart = 0;
  const subscribers = new Set<Subscriber<T>>();
  let nextId = 1;
  let published = 0;

  function recent(): T[] {
    return [...ring.slice(ringStart), ...ring.slice(0, ringStart)];
  }

  return {
    /** Hands `event` to every subscriber and keeps it in the ring. */
    publish(event: T): void {
      published += 1;
      if (ring.length < ringSize) ring.push(event);
      else {
        ring[ringStart] = event;
        ringStart = (ringStart + 1) % ringSize;
      }
      for (const subscriber of subscribers) subscriber.offer(event);
    },
    subscribe(subscribeOptions: SubscribeOptions<T> = {}): Subscription<T> {
      const subscriber = createSubscriber<T>(nextId++, queueSize, subscribeOptions.filter, options.onDrop, () => subscribers.delete(subscriber));
      if (subscribeOptions.replay) for (const event of recent()) subscriber.offer(event);
      subscribers.add(subscriber);
      if (subscribeOptions.signal?.aborted) subscriber.close();
      subscribeOptions.signal?.addEventListener('abort', () => subscriber.close(), { once: true });
      return subscriber;
    },
    /** The ring, oldest first. */
    recent,
    stats(): { subscribers: number; published: number; dropped: number } {
      let dropped = 0;
      for (const subscriber of subscribers) dropped += subscriber.dropped;
      return { subscribers: subscribers.size, published, dropped };
    },
  };
}

export type EventHub<T> = ReturnType<typeof createEventHub<T>>;

interface Subscriber<T> extends Subscription<T> {
  offer(event: T): void;
}

function createSubscriber<T>(
  id: number,
  queueSize: number,
  filter: ((event: T) => boolean) | undefined,
  onDrop: EventHubOptions['onDrop'],
  detach: () => void,
): Subscriber<T> {
  let queue: T[] = [];
  let head = 0;
  let waiter: ((result: IteratorResult<T>) => void) | null = null;
  let closed = false;
  let dropped = 0;

  const subscriber: Subscriber<T> = {
    get dropped() {
      return dropped;
    },
    offer(event) {
      if (closed || (filter && !filter(event))) return;
      if (waiter) {
        const wake = waiter;
        waiter = null;
        wake({ value: event, done: false });
      } else if (queue.length - head >= queueSize) {
        dropped += 1;
        if (dropped === 1) onDrop?.({ subscriber: id, dropped });
      } else {
        queue.push(event);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      queue = [];
      head = 0;
      detach();
      waiter?.({ value: undefined, done: true });
      waiter = null;
    },
    [Symbol.asyncIterator]() {
      return {
        next: (): Promise<IteratorResult<T>> => {
          if (head < queue.length) return Promise.resolve({ value: take(), done: false });
          if (closed) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve) => (waiter = resolve));
        },
        return: (): Promise<IteratorResult<T>> => {
          subscriber.close();
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };

  function take(): T {
    const event = queue[head] as T;
    head += 1;
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return event;
  }

  return subscriber;
}
