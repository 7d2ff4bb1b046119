import { Agent, fetch, type Headers } from 'undici';
import { waitFor } from '../minions/harness.js';

export interface Frame {
  id?: number;
  data?: { category: string; event_type: string; minion_id: string | null; jid: string | null; fun: string | null; success: boolean | null; changed: boolean | null; summary: string };
  comment?: string;
}

/** A browser-like reader of `/api/activity/stream`: keeps every frame and comment it got. */
export class SseClient {
  readonly frames: Frame[] = [];
  ended = false;
  private readonly controller = new AbortController();

  private constructor(readonly status: number, readonly headers: Headers, readonly body: string, private readonly agent: Agent) {}

  /**
   * One connection of its own (a browser tab's EventSource): closing the client closes it, and no
   * pooled socket outlives the test to hold the server's shutdown up.
   */
  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const agent = new Agent({ connections: 1, pipelining: 0 });
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal, dispatcher: agent });
    if (response.status !== 200 || !response.body) {
      const text = await response.text();
      await agent.close();
      return new SseClient(response.status, response.headers, text, agent);
    }
    const client = new SseClient(200, response.headers, '', agent);
    client.controller.signal.addEventListener('abort', () => controller.abort());
    void client.pump(response.body);
    return client;
  }

  private async pump(body: AsyncIterable<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.frames.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
  }

  /** Data frames only. */
  events(): (Frame & { data: NonNullable<Frame['data']> })[] {
    return this.frames.filter((f): f is Frame & { data: NonNullable<Frame['data']> } => f.data !== undefined);
  }

  async waitFor(check: (frames: Frame[]) => boolean, ms = 5_000): Promise<void> {
    if (!(await waitFor(() => check(this.frames), ms))) {
      throw new Error(`stream never matched; got ${JSON.stringify(this.frames.slice(-20))}`);
    }
  }

  close(): void {
    this.controller.abort();
    void this.agent.destroy().catch(() => undefined);
  }
}

function parseFrame(text: string): Frame {
  const frame: Frame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = Number(line.slice(4));
    else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6)) as Frame['data'];
  }
  return frame;
}
