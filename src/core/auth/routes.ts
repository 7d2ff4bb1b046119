import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../http/route-config.js';
import { NoContent } from '../http/schemas.js';
import { AUTHENTICATED, PUBLIC } from '../rbac/permissions.js';
import { ChangePassword, LoginPayload, LogoutPayload, Principal, RefreshPayload, TokenPair, UserOut } from './schema.js';
import type { AuthService, RequestMeta } from './service.js';

export const SESSION_COOKIE = 'halite_session';

export interface CookieSettings {
  secure: boolean;
  maxAgeSeconds: number;
}

export const requestMeta = (req: FastifyRequest): RequestMeta => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? '',
  requestId: String(req.id),
});

/** Sets the signed session cookie (HttpOnly, SameSite=Lax, Secure per COOKIE_SECURE). */
export function setSessionCookie(reply: FastifyReply, sessionId: string, cookie: CookieSettings): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    signed: true, httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/', maxAge: cookie.maxAgeSeconds,
  });
}

/** `/api/auth`: the Salt console's cookie sign-in (salt-console.md §2). */
export const sessionRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; cookie: CookieSettings }> = async (r, { auth, cookie }) => {
  r.post('/login', {
    config: { permission: PUBLIC },
    schema: { tags: ['auth'], body: LoginPayload, response: { 200: UserOut } },
  }, async (req, reply) => {
    const { sessionId, actor } = await auth.login(req.body.username, req.body.password, requestMeta(req));
    setSessionCookie(reply, sessionId, cookie);
    return auth.me(actor);
  });

  r.post('/logout', {
    config: { permission: PUBLIC },
    schema: { tags: ['auth'], response: { 204: NoContent } },
  }, async (req, reply) => {
    const raw = req.cookies[SESSION_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : undefined;
    if (unsigned?.valid && unsigned.value) await auth.logout(unsigned.value);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send();
  });

  r.get('/me', {
    config: { permission: AUTHENTICATED, allowDuringPasswordChange: true },
    schema: { tags: ['auth'], response: { 200: UserOut } },
  }, (req) => auth.me(actorOf(req)));

  r.post('/change-password', {
    config: { permission: AUTHENTICATED, allowDuringPasswordChange: true },
    schema: { tags: ['auth'], body: ChangePassword, response: { 204: NoContent } },
  }, async (req, reply) => {
    await auth.changePassword(actorOf(req), req.body.current_password, req.body.new_password);
    return reply.status(204).send();
  });
};

/** `/api/v1/auth`: bearer tokens with refresh-token rotation (plant.md §2). */
export const tokenRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (r, { auth }) => {
  r.post('/login', {
    config: { permission: PUBLIC },
    schema: { tags: ['auth'], body: LoginPayload, response: { 200: TokenPair } },
  }, (req) => auth.tokenLogin(req.body.username, req.body.password, requestMeta(req)));

  r.post('/refresh', {
    config: { permission: PUBLIC },
    schema: { tags: ['auth'], body: RefreshPayload, response: { 200: TokenPair } },
  }, (req) => auth.refresh(req.body.refresh_token, requestMeta(req)));

  r.post('/logout', {
    config: { permission: PUBLIC },
    schema: { tags: ['auth'], body: LogoutPayload, response: { 204: NoContent } },
  }, async (req, reply) => {
    if (req.body.refresh_token) await auth.revokeRefreshToken(req.body.refresh_token);
    return reply.status(204).send();
  });

  r.get('/me', {
    config: { permission: AUTHENTICATED, allowDuringPasswordChange: true },
    schema: { tags: ['auth'], response: { 200: Principal } },
  }, (req) => auth.principal(actorOf(req)));
};
