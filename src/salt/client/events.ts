import { networkReason, unavailable, upstreamError, extractErrorMessage } from './errors.js';
import type { RawSaltEvent } from './parse/events.js';
import type { createSession } from './session.js';
import { decodeSaltEvents } from './sse.js';
import type { Transport } from './transport.js';

interface StreamDeps {
  transport: Transport;
  session: ReturnType<typeof createSession>;
  connectTimeoutMs: number;
}

/**
 * Opens `GET /events` and yields `{tag, data}` until the server ends the stream (the iterable
 * then ends) or `signal` aborts (it ends quietly). The token goes both in `X-Auth-Token` and in
 * `?token=` (salt-api documents the query parameter; the header survives proxies that strip
 * query strings). A 401 forces one re-login; connection errors throw 503, HTTP errors 502.
 * Reconnecting is the caller's job.
 */
export async function* streamEvents(deps: StreamDeps, signal: AbortSignal): AsyncGenerator<RawSaltEvent> {
  let connected = await connect(deps, await tokenFor(deps, signal), signal);
  if (connected?.response.status === 401) {
    deps.session.invalidate(connected.token);
    await connected.response.body?.cancel();
    connected = await connect(deps, await tokenFor(deps, signal), signal);
  }
  if (!connected) return;
  const { response } = connected;
  if (!response.ok) {
    throw upstreamError(response.status, extractErrorMessage(await response.text(), response.headers.get('content-type') ?? ''));
  }
  const body = response.body;
  if (!body) return;
  try {
    yield* decodeSaltEvents(body);
  } catch (error) {
    if (signal.aborted) return;
    throw unavailable(`event stream broken: ${networkReason(error)}`);
  }
}

interface Connected {
  token: string;
  response: Response;
}

async function tokenFor(deps: StreamDeps, signal: AbortSignal): Promise<string> {
  return deps.transport.within({ timeoutMs: deps.connectTimeoutMs, signal }, async (limit) => {
    try {
      return await deps.session.token(limit.signal);
    } catch (error) {
      if (limit.signal.aborted) throw limit.abortError();
      throw error;
    }
  });
}

/** Resolves once the headers are in (bounded by the connect timeout); null when `signal` aborted. */
async function connect(deps: StreamDeps, token: string, signal: AbortSignal): Promise<Connected | null> {
  const connectTimer = new AbortController();
  const timer = setTimeout(() => connectTimer.abort(), deps.connectTimeoutMs);
  try {
    const response = await deps.transport.open(
      { method: 'GET', path: `/events?token=${encodeURIComponent(token)}`, token, headers: { Accept: 'text/event-stream' } },
      AbortSignal.any([signal, connectTimer.signal]),
    );
    return { token, response };
  } catch (error) {
    if (signal.aborted) return null;
    if (connectTimer.signal.aborted) throw unavailable(`timed out after ${deps.connectTimeoutMs} ms`);
    throw unavailable(networkReason(error));
  } finally {
    clearTimeout(timer);
  }
}
