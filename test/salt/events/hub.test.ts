import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../../src/salt/events/hub.js';

async function take<T>(iterable: AsyncIterable<T>, count: number): Promise<T[]> {
  const seen: T[] = [];
  if (count === 0) return seen;
  for await (const item of iterable) {
    seen.push(item);
    if (seen.length === count) break;
  }
  return seen;
}

describe('event hub', () => {
  it('delivers every published event to every subscriber in order', async () => {
    const hub = createEventHub<number>();
    const a = hub.subscribe();
    const b = hub.subscribe();
    const pending = take(a, 3);
    for (const n of [1, 2, 3]) hub.publish(n);
    expect(await pending).toEqual([1, 2, 3]);
    expect(await take(b, 3)).toEqual([1, 2, 3]);
  });

  it('keeps the last 500 events for replay, oldest first', async () => {
    const hub = createEventHub<number>();
    for (let n = 1; n <= 600; n += 1) hub.publish(n);
    expect(hub.recent()).toHaveLength(500);
    expect(hub.recent()[0]).toBe(101);
    expect(hub.recent().at(-1)).toBe(600);
    const late = hub.subscribe({ replay: true, filter: (n) => n % 100 === 0 });
    hub.publish(700);
    expect(await take(late, 6)).toEqual([200, 300, 400, 500, 600, 700]);
  });

  it('drops events for a subscriber whose queue is full, without holding up the others', async () => {
    const drops: number[] = [];
    const hub = createEventHub<number>({ queueSize: 1000, onDrop: ({ subscriber }) => drops.push(subscriber) });
    const slow = hub.subscribe();
    const fast = hub.subscribe();
    const fastSeen = take(fast, 1500);
    for (let n = 0; n < 1500; n += 1) {
      hub.publish(n);
      // The reader gets a turn between bursts; publishing itself never waits for it.
      if (n % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await fastSeen).length).toBe(1500);
    expect(slow.dropped).toBe(500);
    expect(fast.dropped).toBe(0);
    expect(drops).toEqual([1]);
    expect(hub.stats()).toEqual({ subscribers: 1, published: 1500, dropped: 500 });
    expect(await take(slow, 1000)).toEqual(Array.from({ length: 1000 }, (_, n) => n));
  });

  it('ends a subscription on close() or abort, and forgets it', async () => {
    const hub = createEventHub<string>();
    const controller = new AbortController();
    const viaSignal = hub.subscribe({ signal: controller.signal });
    const viaClose = hub.subscribe();
    const waiting = take(viaSignal, 5);
    hub.publish('x');
    controller.abort();
    viaClose.close();
    expect(await waiting).toEqual(['x']);
    expect(await take(viaClose, 1)).toEqual([]);
    hub.publish('y');
    expect(hub.stats().subscribers).toBe(0);
    expect(hub.subscribe({ signal: controller.signal }).dropped).toBe(0);
    expect(hub.stats().subscribers).toBe(0);
  });

  it('publishes 100 000 events to a subscriber that never reads without growing past its queue', () => {
    const hub = createEventHub<number>({ queueSize: 10 });
    const idle = hub.subscribe();
    for (let n = 0; n < 100_000; n += 1) hub.publish(n);
    expect(idle.dropped).toBe(99_990);
  });
});
