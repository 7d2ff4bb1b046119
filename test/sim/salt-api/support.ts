import { readFileSync } from 'node:fs';
import { startSaltApiSimulator, type SaltApiSimulator, type SaltApiSimulatorOptions } from '../../../src/sim/salt-api/index.js';
import type { Json } from './shape.js';
import { sharedDir } from '../../support/shared.js';

/** Recorded answers of a live Salt 3006.10 master + salt-api (read-only, shared by every engineer). */
export const CAPTURES_DIR = process.env.SALT_CAPTURES_DIR ?? sharedDir('salt-captures');

export function captureText(name: string): string {
  return readFileSync(`${CAPTURES_DIR}/${name}`, 'utf8');
}

export function captureJson(name: string): Json {
  return JSON.parse(captureText(name)) as Json;
}

/** Small, fast defaults for tests: no offline minions unless asked, quick jobs, quick re-auth. */
export function startSim(options: SaltApiSimulatorOptions = {}): Promise<SaltApiSimulator> {
  return startSaltApiSimulator({ minions: 12, offlineMinions: 0, jobDurationMs: 150, authRetryMs: 50, historyJobs: 10, presenceIntervalMs: 0, keepaliveMs: 0, ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json(): Json;
}

/** A tiny salt-api client over global fetch, logging in the way Fleetdeck's client does. */
export class SaltClient {
  token = '';

  constructor(readonly url: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = { method, headers: { Accept: 'application/json', ...(this.token ? { 'X-Auth-Token': this.token } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Json };
  }

  async login(username = 'salt', password = 'salt', eauth = 'pam'): Promise<Reply> {
    const reply = await this.request('POST', '/login', { username, password, eauth });
    if (reply.status === 200) this.token = String((reply.json() as { return: { token: string }[] }).return[0]?.token);
    return reply;
  }

  /** `POST /` with lowstate chunks; returns the parsed body. */
  async run(chunks: unknown): Promise<Json> {
    const reply = await this.request('POST', '/', chunks);
    if (reply.status !== 200) throw new Error(`POST / answered ${reply.status}: ${reply.text.slice(0, 300)}`);
    return reply.json();
  }

  /** `return[0]` of a single-chunk call. */
  async call(chunk: Record<string, unknown>): Promise<Json> {
    const body = (await this.run([chunk])) as { return: Json[] };
    return body.return[0] ?? null;
  }
}

/** The message CherryPy puts in the first `<p>` of its error page. */
export function errorMessage(html: string): string {
  return /<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await sleep(25);
  }
}
