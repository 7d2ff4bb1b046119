/** A salt-api session token and the instant (epoch seconds) Salt stops honouring it. */
export interface SessionToken {
  token: string;
  expire: number;
}

const RENEW_MARGIN_S = 60;

/**
 * Holds the session token: reused while `now < expire - 60 s`, renewed before that, and shared:
 * N concurrent callers that find no valid token wait for one login, not N.
 */
export function createSession(login: () => Promise<SessionToken>, clock: () => number) {
  let current: SessionToken | null = null;
  let pending: Promise<SessionToken> | null = null;

  const isFresh = (session: SessionToken) => clock() / 1000 < session.expire - RENEW_MARGIN_S;

  function refresh(): Promise<SessionToken> {
    pending ??= login()
      .then((session) => {
        current = session;
        return session;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return {
    /** A valid token, logging in first when there is none or it is about to expire. */
    async token(signal?: AbortSignal): Promise<string> {
      if (current && isFresh(current)) return current.token;
      const session = await untilAborted(refresh(), signal);
      return session.token;
    },
    /** Forgets `token` after a 401, unless another caller has already replaced it. */
    invalidate(token: string): void {
      if (current?.token === token) current = null;
    },
    /** Logs in now, whatever the state of the current token. */
    async login(): Promise<string> {
      current = null;
      return (await refresh()).token;
    },
    current: (): string | null => current?.token ?? null,
  };
}

/** Waits for `promise`, but gives up (with the signal's reason) when `signal` aborts first. */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
