import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { networkReason, unavailable, upstreamError, extractErrorMessage } from './errors.js';
import type { CallOptions, SaltLogger } from './types.js';

/** One HTTP answer, body read as text. */
export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  token?: string;
  /** Extra headers, e.g. `Accept: text/event-stream`. */
  headers?: Record<string, string>;
}

export interface TransportConfig {
  baseUrl: string;
  verifyTls: boolean;
  timeoutMs: number;
  maxRetries: number;
  backoff: { baseMs: number; maxMs: number };
  logger?: SaltLogger;
}

/** A deadline for one call: the per-call timeout combined with the caller's own signal. */
export interface Deadline {
  signal: AbortSignal;
  timeoutMs: number;
  /** Turns an abort into the error to throw: timed out, or cancelled by the caller. */
  abortError(): Error;
  /** Clears the timer and the listener on the caller's signal; call when the call is over. */
  dispose(): void;
}

/** HTTP to one salt-api: a keep-alive pool, per-call deadlines, retries on network errors and 5xx. */
export function createTransport(config: TransportConfig) {
  // The event stream may stay silent for hours: undici's own idle timers are off and every
  // call carries an AbortSignal instead.
  const agent = new Agent({ connect: { rejectUnauthorized: config.verifyTls }, bodyTimeout: 0, headersTimeout: 0, keepAliveTimeout: 10_000 });
  // Node's fetch is typed against the undici-types copy bundled with @types/node; undici 7's Agent
  // differs from it only in FormData typings, so the cast is type-level only.
  const dispatcher = agent as unknown as NonNullable<RequestInit['dispatcher']>;

  function deadline(call: CallOptions = {}): Deadline {
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const caller = call.signal;
    const onCallerAbort = () => controller.abort(caller?.reason);
    if (caller?.aborted) onCallerAbort();
    else caller?.addEventListener('abort', onCallerAbort, { once: true });
    return {
      signal: controller.signal,
      timeoutMs,
      abortError: () => (caller?.aborted ? unavailable('request cancelled') : unavailable(`timed out after ${timeoutMs} ms`)),
      dispose() {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCallerAbort);
      },
    };
  }

  /** Runs `work` under a fresh deadline and releases it afterwards. */
  async function within<T>(call: CallOptions, work: (limit: Deadline) => Promise<T>): Promise<T> {
    const limit = deadline(call);
    try {
      return await work(limit);
    } finally {
      limit.dispose();
    }
  }

  /** Starts a request and resolves once the status and headers are in. */
  async function open(request: HttpRequest, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.token) headers['X-Auth-Token'] = request.token;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(`${config.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      dispatcher,
    });
  }

  /** One attempt; network failures throw, HTTP errors come back as a response. */
  async function attempt(request: HttpRequest, signal: AbortSignal): Promise<RawResponse> {
    const response = await open(request, signal);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  /**
   * Sends with retries: a network error or a 5xx backs off `min(base·2^n, max)` and tries again,
   * up to `maxRetries` more times; any other answer (401 included) is returned as it is. When the
   * retries run out, a 5xx seen on the way wins (502), otherwise the network error (503).
   */
  async function send(request: HttpRequest, limit: Deadline, call: CallOptions = {}): Promise<RawResponse> {
    const maxRetries = call.maxRetries ?? config.maxRetries;
    let last5xx: RawResponse | null = null;
    let lastReason = 'no attempt made';
    for (let n = 0; n <= maxRetries; n += 1) {
      if (n > 0) await backoff(n - 1, limit, { path: request.path, reason: last5xx ? `HTTP ${last5xx.status}` : lastReason });
      try {
        const response = await attempt(request, limit.signal);
        if (response.status < 500) return response;
        last5xx = response;
      } catch (error) {
        if (limit.signal.aborted) throw limit.abortError();
        lastReason = networkReason(error);
      }
    }
    if (last5xx) throw upstreamError(last5xx.status, extractErrorMessage(last5xx.text, last5xx.contentType));
    throw unavailable(lastReason);
  }

  async function backoff(n: number, limit: Deadline, context: { path: string; reason: string }): Promise<void> {
    const delay = Math.min(config.backoff.baseMs * 2 ** n, config.backoff.maxMs);
    config.logger?.warn({ ...context, attempt: n + 1, delayMs: delay }, 'salt-api call failed, retrying');
    try {
      await sleep(delay, undefined, { signal: limit.signal });
    } catch {
      throw limit.abortError();
    }
  }

  let closing: Promise<void> | undefined;
  return { within, open, send, close: () => (closing ??= agent.close()) };
}

export type Transport = ReturnType<typeof createTransport>;
