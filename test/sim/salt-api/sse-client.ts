import type { Json } from './shape.js';

export interface SseEvent {
  tag: string;
  data: Record<string, Json>;
}

/** Reads salt-api's SSE stream: keeps the raw text and parses each `data:` frame into `{tag, data}`. */
export class EventStream {
  raw = '';
  readonly events: SseEvent[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, init: RequestInit = {}): Promise<{ stream: EventStream; status: number }> {
    const stream = new EventStream();
    const res = await fetch(url, { ...init, signal: stream.controller.signal });
    if (res.status === 200 && res.body) stream.done = stream.pump(res.body);
    else await res.text();
    return { stream, status: res.status };
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) this.events.push(JSON.parse(data) as SseEvent);
        }
        this.waiters.splice(0).forEach((wake) => wake());
      }
    } catch {
      // Aborted by close().
    }
  }

  /** The first event (already received or still to come) that matches. */
  async next(match: (event: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no matching event; saw ${this.events.map((e) => e.tag).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
