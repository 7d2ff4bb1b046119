import { type LowstateClients, lowstateClients } from './clients.js';
import { extractErrorMessage, unavailable, upstreamError } from './errors.js';
import { streamEvents } from './events.js';
import { jobCalls } from './job-calls.js';
import { firstObject, type Lowstate } from './lowstate.js';
import { minionCalls } from './minion-calls.js';
import type { RawSaltEvent } from './parse/events.js';
import { createSession, type SessionToken } from './session.js';
import { createTransport, type Deadline, type RawResponse } from './transport.js';
import type { CallOptions, SaltClientOptions, SaltConnection } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_EXPIRE_S = 600;

/**
 * A client for one salt-api (rest_cherrypy): session login with shared renewal, `POST /`
 * lowstate calls with retries and deadlines, typed helpers for the calls Fleetdeck makes, and
 * the `/events` stream. Every failure is an `UpstreamUnavailableError` (503: not configured,
 * unreachable, timed out) or an `UpstreamError` (502: Salt answered with an error).
 */
export function createSaltClient(connection: SaltConnection, options: SaltClientOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const zone = options.masterTimeZone ?? 'UTC';
  const core = createCore(connection, options, timeoutMs);
  const clients: LowstateClients = lowstateClients(core.run, timeoutMs);
  return { ...core, ...clients, ...jobCalls(clients, zone), ...minionCalls(clients) };
}

export type SaltClient = ReturnType<typeof createSaltClient>;

/** Connection, session and the one `POST /` every call goes through. */
function createCore(connection: SaltConnection, options: SaltClientOptions, timeoutMs: number) {
  const problem = configProblem(connection);
  const clock = options.clock ?? Date.now;
  const transport = createTransport({
    baseUrl: connection.url.trim().replace(/\/+$/, ''), verifyTls: connection.verifyTls, timeoutMs,
    maxRetries: options.maxRetries ?? 3, backoff: options.backoff ?? { baseMs: 500, maxMs: 4_000 }, logger: options.logger,
  });

  async function login(): Promise<SessionToken> {
    const { username, password, eauth } = connection;
    options.logger?.debug({ url: connection.url, username, eauth }, 'salt-api login');
    const request = { method: 'POST', path: '/login', body: { username, password, eauth } } as const;
    const first = firstObject(decode(await transport.within({}, (limit) => transport.send(request, limit))));
    if (typeof first.token !== 'string' || first.token === '') throw upstreamError(200, 'login answered without a token');
    const expire = typeof first.expire === 'number' ? first.expire : clock() / 1000 + DEFAULT_EXPIRE_S;
    return { token: first.token, expire };
  }
  const session = createSession(login, clock);

  async function tokenWithin(limit: Deadline): Promise<string> {
    if (problem) throw unavailable(problem);
    try {
      return await session.token(limit.signal);
    } catch (error) {
      if (limit.signal.aborted) throw limit.abortError();
      throw error;
    }
  }

  return {
    /** Logs in now (at boot, and to test settings); later calls reuse the session. */
    async login(): Promise<void> {
      if (problem) throw unavailable(problem);
      await session.login();
    },
    /** `POST /` with lowstate chunks and the session token; one forced re-login and resend on 401. */
    async run(chunks: Lowstate[], call: CallOptions = {}): Promise<unknown> {
      return transport.within(call, async (limit) => {
        const token = await tokenWithin(limit);
        const response = await transport.send({ method: 'POST', path: '/', body: chunks, token }, limit, call);
        if (response.status !== 401) return decode(response);
        session.invalidate(token);
        const fresh = await tokenWithin(limit);
        return decode(await transport.send({ method: 'POST', path: '/', body: chunks, token: fresh }, limit, call));
      });
    },
    /** The master's event bus; ends when the server closes the stream or `signal` aborts. */
    events(signal: AbortSignal): AsyncIterable<RawSaltEvent> {
      if (problem) return failing(unavailable(problem));
      return streamEvents({ transport, session, connectTimeoutMs: timeoutMs }, signal);
    },
    /** Closes the connection pool; open event streams are cut. */
    close: (): Promise<void> => transport.close(),
  };
}

/** 2xx → parsed JSON; anything else → 502 with the message Salt gave. */
function decode(response: RawResponse): unknown {
  if (response.status < 200 || response.status >= 300) {
    throw upstreamError(response.status, extractErrorMessage(response.text, response.contentType));
  }
  try {
    return JSON.parse(response.text);
  } catch {
    throw upstreamError(response.status, 'invalid JSON in response');
  }
}

function configProblem(connection: SaltConnection): string | null {
  if (!connection.url.trim() || !connection.username || !connection.password) return 'not configured';
  try {
    const url = new URL(connection.url.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : `unsupported URL scheme ${url.protocol}`;
  } catch {
    return 'invalid URL';
  }
}

async function* failing(error: Error): AsyncGenerator<RawSaltEvent> {
  yield* [];
  throw error;
}
