import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/service.js';
import { fromFlag, toFlag } from '../db/dialect.js';
import type { DB } from '../db/tables.js';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import type { CounterStore } from '../http/counters.js';
import type { Actor } from '../rbac/actor.js';
import { formatGrant } from '../rbac/permissions.js';
import { uniqueGrants } from '../rbac/rbac.js';
import * as users from '../users/repo.js';
import { deriveKey, randomToken, sha256 } from './keys.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import type { TokenPair, UserOut } from './schema.js';

/** Where a request came from, for sessions, throttling and the audit trail. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  requestId: string;
}

export interface AuthSettings {
  secret: string;
  sessionTtlMinutes: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_FAILURES_PER_ACCOUNT = 10;
const LOGIN_FAILURES_PER_ADDRESS = 50;
/** Sessions slide: a request renews the expiry once this much of it has passed. */
const SLIDE_AFTER_MS = 60_000;

export type AuthService = ReturnType<typeof authService>;

/** Sign-in for both surfaces: cookie sessions (`/api`), JWT and refresh tokens (`/api/v1`). */
export function authService(deps: { db: Kysely<DB>; audit: AuditService; counters: CounterStore; settings: AuthSettings; clock?: () => Date }) {
  const { db, audit, counters, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const jwtKey = deriveKey(settings.secret, 'jwt');
  const sessionTtlMs = settings.sessionTtlMinutes * 60_000;

  const anonymous = (name: string, meta: RequestMeta): Actor => ({
    kind: 'user', id: 'anonymous', name, userId: null, grantSets: [], mustChangePassword: false, requestId: meta.requestId, ip: meta.ip,
  });

  /** The actor for a user row, with its grants, or null when the user is inactive. */
  async function actorFor(user: users.UserRow, meta: Partial<RequestMeta>, sessionId?: string): Promise<Actor | null> {
    if (!fromFlag(user.is_active)) return null;
    return {
      kind: 'user', id: user.id, name: user.username, userId: user.id,
      grantSets: [uniqueGrants(await users.grantsOf(db, user.id))],
      mustChangePassword: fromFlag(user.must_change_pw), sessionId, requestId: meta.requestId, ip: meta.ip,
    };
  }

  async function throttle(username: string, meta: RequestMeta): Promise<void> {
    const keys: Array<[string, number]> = [
      [`login:${meta.ip}:${username.toLowerCase()}`, LOGIN_FAILURES_PER_ACCOUNT],
      [`login:${meta.ip}`, LOGIN_FAILURES_PER_ADDRESS],
    ];
    for (const [key, limit] of keys) {
      const window = await counters.peek(key);
      if (window && window.count >= limit) {
        throw new RateLimitedError(Math.ceil((window.resetAtMs - clock().getTime()) / 1000), 'Too many failed sign-in attempts; try again later');
      }
    }
  }

  /** Checks a username and password, throttled and audited; returns the user's actor. */
  async function checkCredentials(username: string, password: string, meta: RequestMeta, action: string): Promise<Actor> {
    await throttle(username, meta);
    const user = await users.findByUsername(db, username);
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
    const actor = valid && user ? await actorFor(user, meta) : null;
    if (!actor || !user) {
      await counters.hit(`login:${meta.ip}:${username.toLowerCase()}`, LOGIN_WINDOW_MS);
      await counters.hit(`login:${meta.ip}`, LOGIN_WINDOW_MS);
      await audit.recordAlone(anonymous(username, meta), {
        action, resource: `user:${username}`, args: { username, password }, decision: 'deny', resultCode: 401,
      });
      throw new UnauthenticatedError('Invalid credentials');
    }
    await counters.reset(`login:${meta.ip}:${username.toLowerCase()}`);
    await db.transaction().execute(async (trx) => {
      await users.update(trx, user.id, { last_login_at: clock().toISOString() });
      await audit.record(trx, actor, { action, resource: `user:${user.username}`, args: { username }, decision: 'allow', resultCode: 200 });
    });
    return actor;
  }

  async function issueTokens(userId: string, familyId: string): Promise<TokenPair> {
    const now = clock();
    const access_token = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('fleetdeck')
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + settings.accessTokenTtlSeconds)
      .sign(jwtKey);
    const refresh_token = randomToken(32);
    await repo.insertRefreshToken(db, {
      id: randomUUID(), family_id: familyId, user_id: userId, token_hash: sha256(refresh_token), created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.refreshTokenTtlDays * 86_400_000).toISOString(), used_at: null, revoked_at: null,
    });
    return { access_token, token_type: 'bearer', expires_in: settings.accessTokenTtlSeconds, refresh_token };
  }

  return {
    /** Signs in with a password and opens a cookie session; returns its id to sign into the cookie. */
    async login(username: string, password: string, meta: RequestMeta): Promise<{ sessionId: string; actor: Actor }> {
      const actor = await checkCredentials(username, password, meta, 'auth.login');
      const now = clock();
      const sessionId = randomToken(48);
      await repo.insertSession(db, {
        id: sessionId, user_id: actor.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + sessionTtlMs).toISOString(),
        last_seen_at: now.toISOString(), user_agent: meta.userAgent.slice(0, 512), ip: meta.ip.slice(0, 64),
      });
      return { sessionId, actor: { ...actor, sessionId } };
    },

    logout: (sessionId: string) => repo.deleteSession(db, sessionId),

    /**
     * Resolves a cookie session. Sessions slide: each use pushes the expiry a full TTL ahead
     * (written at most once a minute); `renewed` tells the caller to refresh the cookie.
     */
    async resolveSession(sessionId: string, meta: Partial<RequestMeta>): Promise<{ actor: Actor; renewed: boolean }> {
      const found = await repo.findSessionWithUser(db, sessionId);
      const now = clock();
      if (!found || found.session_expires_at <= now.toISOString()) throw new UnauthenticatedError('Session expired');
      const { session_expires_at: _expires, session_last_seen_at: lastSeenAt, ...user } = found;
      const actor = await actorFor(user, meta, sessionId);
      if (!actor) throw new UnauthenticatedError('Session expired');
      const renewed = now.getTime() - new Date(lastSeenAt).getTime() >= SLIDE_AFTER_MS;
      if (renewed) await repo.touchSession(db, sessionId, now.toISOString(), new Date(now.getTime() + sessionTtlMs).toISOString());
      return { actor, renewed };
    },

    /** Resolves a bearer access token; the user is re-read so deactivation applies at once. */
    async resolveBearer(token: string, meta: Partial<RequestMeta>): Promise<Actor> {
      let subject: string | undefined;
      try {
        const { payload } = await jwtVerify(token, jwtKey, { issuer: 'fleetdeck', algorithms: ['HS256'], currentDate: clock() });
        subject = payload.typ === 'access' ? payload.sub : undefined;
      } catch {
        throw new UnauthenticatedError('Invalid or expired token');
      }
      const user = subject ? await users.findById(db, subject) : undefined;
      const actor = user && (await actorFor(user, meta));
      if (!actor) throw new UnauthenticatedError('Invalid or expired token');
      return actor;
    },

    async me(actor: Actor): Promise<UserOut> {
      const user = actor.userId ? await users.findById(db, actor.userId) : undefined;
      return {
        username: actor.name,
        display_name: user?.display_name ?? actor.name,
        must_change_pw: actor.mustChangePassword,
        permissions: actor.grantSets[0] ?? [],
      };
    },

    principal: (actor: Actor) => ({
      kind: actor.kind, id: actor.id, name: actor.name, user_id: actor.userId, must_change_pw: actor.mustChangePassword,
      permissions: (actor.grantSets[0] ?? []).map(formatGrant),
    }),

    /** Changes one's own password; other sessions and refresh tokens end, this one stays. */
    async changePassword(actor: Actor, current: string, next: string): Promise<void> {
      const user = actor.userId ? await users.findById(db, actor.userId) : undefined;
      if (!user) throw new ForbiddenError('Only a user can change a password');
      const draft = { action: 'auth.change_password', resource: `user:${user.username}`, args: { current_password: current, new_password: next }, resultCode: 204 };
      if (!(await verifyPassword(user.password_hash, current))) {
        await audit.recordAlone(actor, { ...draft, decision: 'deny', resultCode: 403 });
        throw new ForbiddenError('Current password is incorrect');
      }
      const passwordHash = await hashPassword(next);
      await audit.audited(actor, draft, async (trx) => {
        const at = clock().toISOString();
        await users.update(trx, user.id, { password_hash: passwordHash, must_change_pw: toFlag(false), updated_at: at });
        await users.endSessions(trx, user.id, at, actor.sessionId);
      });
    },

    /** `/api/v1/auth/login`: a short-lived access token and a rotating refresh token. */
    async tokenLogin(username: string, password: string, meta: RequestMeta): Promise<TokenPair> {
      const actor = await checkCredentials(username, password, meta, 'auth.token');
      return issueTokens(actor.id, randomUUID());
    },

    /**
     * Rotates a refresh token. Presenting one that was already used revokes its whole family:
     * someone else holds a copy.
     */
    async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenPair> {
      const row = await repo.findRefreshToken(db, sha256(refreshToken));
      const now = clock().toISOString();
      if (!row || row.revoked_at || row.expires_at <= now || (await repo.familyRevoked(db, row.family_id))) {
        throw new UnauthenticatedError('Invalid refresh token');
      }
      if (row.used_at || !(await repo.claimRefreshToken(db, row.id, now))) {
        await db.transaction().execute(async (trx) => {
          await repo.revokeFamily(trx, row.family_id, now);
          await audit.record(trx, anonymous(row.user_id, meta), {
            action: 'auth.refresh_reuse', resource: `user:${row.user_id}`, decision: 'deny', resultCode: 401,
          });
        });
        throw new UnauthenticatedError('Refresh token reuse detected; sign in again');
      }
      const user = await users.findById(db, row.user_id);
      if (!user || !fromFlag(user.is_active)) throw new UnauthenticatedError('Invalid refresh token');
      return issueTokens(user.id, row.family_id);
    },

    /** Ends a token sign-in: the refresh token's family is revoked. */
    async revokeRefreshToken(refreshToken: string): Promise<void> {
      const row = await repo.findRefreshToken(db, sha256(refreshToken));
      if (row) await repo.revokeFamily(db, row.family_id, clock().toISOString());
    },

    sweepExpiredSessions: () => repo.deleteExpiredSessions(db, clock().toISOString()),
  };
}
