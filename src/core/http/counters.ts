import type { Redis } from 'ioredis';

/** A fixed-window hit counter: how many hits in the current window, and when it resets. */
export interface WindowCount {
  count: number;
  resetAtMs: number;
}

/**
 * Fixed-window counters for rate limits and login throttling. In memory for one server, in
 * Redis when REDIS_URL is set so every instance shares the same counts.
 */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<WindowCount>;
  peek(key: string): Promise<WindowCount | null>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryCounters(clock: () => number = Date.now): CounterStore {
  const windows = new Map<string, WindowCount>();
  let hitsSinceSweep = 0;

  function live(key: string): WindowCount | null {
    const entry = windows.get(key);
    if (!entry || entry.resetAtMs <= clock()) return null;
    return entry;
  }

  function sweep(): void {
    const now = clock();
    for (const [key, entry] of windows) if (entry.resetAtMs <= now) windows.delete(key);
  }

  return {
    async hit(key, windowMs) {
      if (++hitsSinceSweep >= 10_000) {
        hitsSinceSweep = 0;
        sweep();
      }
      const entry = live(key) ?? { count: 0, resetAtMs: clock() + windowMs };
      entry.count++;
      windows.set(key, entry);
      return { ...entry };
    },
    async peek(key) {
      const entry = live(key);
      return entry ? { ...entry } : null;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}

export function redisCounters(redis: Redis, prefix = 'fleetdeck:rl:'): CounterStore {
  return {
    async hit(key, windowMs) {
      const k = prefix + key;
      // NX keeps the window fixed: only the first hit of a window sets its expiry.
      const results = await redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
      const count = Number(results?.[0]?.[1] ?? 1);
      const ttl = Number(results?.[2]?.[1] ?? windowMs);
      return { count, resetAtMs: Date.now() + (ttl > 0 ? ttl : windowMs) };
    },
    async peek(key) {
      const k = prefix + key;
      const [count, ttl] = await Promise.all([redis.get(k), redis.pttl(k)]);
      if (count === null || ttl <= 0) return null;
      return { count: Number(count), resetAtMs: Date.now() + ttl };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit();
    },
  };
}
