import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAuthorization } from '../../../src/core/http/authorize.js';
import { installErrorHandler } from '../../../src/core/http/errors.js';
import { healthRoutes } from '../../../src/core/http/health.js';
import { validatorCompiler } from '../../../src/core/http/validation.js';
import { AUTHENTICATED, PUBLIC } from '../../../src/core/rbac/permissions.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('health', () => {
  it('GET /healthz answers {status: ok}', async () => {
    const response = await t.fd.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready with the database check', async () => {
    const response = await t.fd.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { db: 'ok' } });
  });

  it('GET /readyz answers 503 degraded naming the failing check', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler());
    await app.register(healthRoutes, { checks: { db: async () => undefined, redis: async () => { throw new Error('connection refused'); } } });
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'degraded', checks: { db: 'ok', redis: 'error: connection refused' } });
    await app.close();
  });
});

describe('API documentation', () => {
  it('GET /openapi.json is an OpenAPI 3 document naming each /api operation\u2019s permission', async () => {
    const response = await t.fd.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Fleetdeck API' });
    const operations: Array<{ path: string; method: string; description: string | undefined }> = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { description?: string }>>)) {
      if (!path.startsWith('/api')) continue;
      for (const [method, op] of Object.entries(item)) if (HTTP_METHODS.includes(method)) operations.push({ path, method, description: op.description });
    }
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const undocumented = operations.filter((op) => !/Permission: `[^`]+`/.test(op.description ?? ''));
    expect(undocumented).toEqual([]);

    const op = (path: string, method: string) => doc.paths[path]?.[method]?.description;
    expect(op('/api/v1/auth/login', 'post')).toBe('Permission: `public`');
    expect(op('/api/v1/auth/me', 'get')).toBe('Permission: `authenticated`');
    expect(op('/api/v1/settings/api-keys/', 'get')).toBe('Permission: `view:api_key:*`');
    expect(op('/api/v1/settings/api-keys/', 'post')).toBe('Permission: `manage:api_key:*`');
    expect(op('/api/v1/settings/api-keys/{id}', 'delete')).toBe('Permission: `manage:api_key:*`');
    expect(op('/api/v1/audit/', 'get')).toBe('Permission: `view:audit:*`');
    expect(op('/api/users/', 'post')).toBe('Permission: `manage_user:user:*`');
    expect(doc.paths['/openapi.json']).toBeUndefined();
  });

  it('GET /docs serves the HTML documentation', async () => {
    let url = '/docs';
    let response = await t.fd.app.inject({ url });
    for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 5; hops++) {
      url = new URL(response.headers.location as string, `http://localhost${url}`).pathname;
      response = await t.fd.app.inject({ url });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<!DOCTYPE html>/i);
    expect(response.body.toLowerCase()).toContain('swagger');
  });
});

describe('request ids', () => {
  it('gives every response an x-request-id and puts it in error bodies', async () => {
    const ok = await t.fd.app.inject({ url: '/healthz' });
    expect(ok.headers['x-request-id']).toMatch(UUID);
    const v1 = await t.fd.app.inject({ url: '/api/v1/auth/me' });
    expect(v1.statusCode).toBe(401);
    expect(v1.headers['x-request-id']).toMatch(UUID);
    expect(v1.json().request_id).toBe(v1.headers['x-request-id']);
    const salt = await t.fd.app.inject({ url: '/api/auth/me' });
    expect(salt.statusCode).toBe(401);
    expect(salt.json()).toEqual({ detail: 'Not authenticated', request_id: salt.headers['x-request-id'] });
    expect(salt.headers['x-request-id']).not.toBe(v1.headers['x-request-id']);
  });

  it('echoes the client\u2019s x-request-id in the header, the error body and the audit row', async () => {
    const v1 = await t.fd.app.inject({ url: '/api/v1/auth/me', headers: { 'x-request-id': 'abc-123' } });
    expect(v1.headers['x-request-id']).toBe('abc-123');
    expect(v1.json()).toEqual({ error: { code: 'unauthenticated', message: 'Not authenticated', details: [] }, request_id: 'abc-123' });
    const salt = await t.fd.app.inject({ url: '/api/users', headers: { 'x-request-id': 'abc-123' } });
    expect(salt.json()).toEqual({ detail: 'Not authenticated', request_id: 'abc-123' });

    const requestId = t.unique('req');
    const user = await t.makeUser();
    const failed = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-request-id': requestId }, payload: { username: user.username, password: 'wrong-password' } });
    expect(failed.statusCode).toBe(401);
    const rows = await t.fd.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.token', resource: `user:${user.username}`, decision: 'deny' });
  });

  it('replaces a client request id that is too long or has odd characters', async () => {
    for (const given of ['has spaces in it', 'x'.repeat(65), 'semi;colon', '']) {
      const response = await t.fd.app.inject({ url: '/api/v1/auth/me', headers: { 'x-request-id': given } });
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(response.json().request_id).toBe(response.headers['x-request-id']);
    }
  });
});

describe('unknown paths', () => {
  it('answers 404 with the v1 body under /api/v1', async () => {
    const response = await t.fd.app.inject({ url: '/api/v1/no-such-resource' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Not found', details: [] }, request_id: response.headers['x-request-id'] });
    const post = await t.fd.app.inject({ method: 'POST', url: '/api/v1/settings/nothing', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('not_found');
  });

  it('answers 404 {detail} under /api', async () => {
    const response = await t.fd.app.inject({ url: '/api/no-such-resource' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ detail: 'Not found', request_id: response.headers['x-request-id'] });
  });
});

describe('unexpected errors', () => {
  it('answer 500 without leaking the error, on both surfaces', async () => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    const fail = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    };
    app.get('/api/v1/boom', fail);
    app.get('/api/boom', fail);
    await app.ready();
    const v1 = await app.inject({ url: '/api/v1/boom' });
    expect(v1.statusCode).toBe(500);
    expect(v1.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error', details: [] }, request_id: expect.any(String) });
    const salt = await app.inject({ url: '/api/boom' });
    expect(salt.statusCode).toBe(500);
    expect(salt.json()).toEqual({ detail: 'Internal server error', request_id: expect.any(String) });
    await app.close();
  });
});

describe('request bodies and query strings', () => {
  it('answers 400, not 500, to malformed JSON on both surfaces', async () => {
    const v1 = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(v1.statusCode).toBe(400);
    expect(v1.json()).toEqual({ error: { code: 'bad_request', message: expect.stringContaining('not valid JSON'), details: [] }, request_id: expect.any(String) });
    const salt = await t.fd.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(salt.statusCode).toBe(400);
    expect(salt.json()).toEqual({ detail: expect.stringContaining('not valid JSON'), request_id: expect.any(String) });
  });

  it('answers 415 to a body of an unsupported content type', async () => {
    const response = await t.fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-yaml' }, payload: 'username: x' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('does not coerce JSON bodies: a number for a string, a string for a boolean are refused', async () => {
    const admin = await t.bearerFor(['admin']);
    const v1 = await t.fd.app.inject({ method: 'POST', url: '/api/v1/settings/api-keys', headers: { authorization: admin }, payload: { name: 12345, permissions: ['view:audit:*'] } });
    expect(v1.statusCode).toBe(400);
    expect(v1.json().error.details).toEqual([{ field: 'name', message: 'must be string' }]);

    const user = await t.makeUser();
    const cookie = await t.cookieFor(['admin']);
    const salt = await t.fd.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie }, payload: { is_active: 'false' } });
    expect(salt.statusCode).toBe(422);
    expect(salt.json().detail[0]).toMatchObject({ loc: ['body', 'is_active'] });
    const row = await t.fd.database.db.selectFrom('users').select('is_active').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.is_active).toBe(1);
  });

  it('coerces query strings to their types', async () => {
    const cookie = await t.cookieFor(['admin']);
    const users = await t.fd.app.inject({ url: '/api/users?limit=5', headers: { cookie } });
    expect(users.statusCode).toBe(200);
    expect(users.json().users.length).toBeLessThanOrEqual(5);
    const audit = await t.fd.app.inject({ url: '/api/v1/audit?page_size=5&page=1', headers: { cookie } });
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({ page: 1, page_size: 5 });
    expect(audit.json().items.length).toBeLessThanOrEqual(5);
    const bad = await t.fd.app.inject({ url: '/api/v1/audit?page_size=five', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'page_size', message: 'must be integer' }]);
  });

  describe('the validator on an integer field', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = Fastify();
      app.setValidatorCompiler(validatorCompiler());
      installErrorHandler(app);
      const N = Type.Object({ n: Type.Integer() });
      app.post('/body', { schema: { body: N } }, async (req) => ({ n: (req.body as { n: unknown }).n, type: typeof (req.body as { n: unknown }).n }));
      app.get('/query', { schema: { querystring: N } }, async (req) => ({ n: (req.query as { n: unknown }).n, type: typeof (req.query as { n: unknown }).n }));
      await app.ready();
    });
    afterAll(() => app.close());

    it('refuses "5" for an integer in a body and takes 5', async () => {
      const refused = await app.inject({ method: 'POST', url: '/body', payload: { n: '5' } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details).toEqual([{ field: 'n', message: 'must be integer' }]);
      expect((await app.inject({ method: 'POST', url: '/body', payload: { n: 5 } })).json()).toEqual({ n: 5, type: 'number' });
    });

    it('coerces ?n=5 to the integer 5', async () => {
      const response = await app.inject({ url: '/query?n=5' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ n: 5, type: 'number' });
    });
  });
});

describe('installAuthorization', () => {
  const deps = () => ({ auth: t.fd.services.auth, apiKeys: t.fd.services.apiKeys, audit: t.fd.services.audit, cookie: { secure: false, maxAgeSeconds: 60 } });

  it('refuses to start with a route that declares no permission', async () => {
    const app = Fastify();
    const start = async () => {
      installAuthorization(app, deps());
      app.get('/unguarded', async () => ({ ok: true }));
      await app.ready();
    };
    await expect(start()).rejects.toThrow('Route GET /unguarded declares no permission');
    await app.close().catch(() => undefined);
  });

  it('starts with routes that declare one, and guards them', async () => {
    const app = Fastify();
    installErrorHandler(app);
    await app.register(fastifyCookie, { secret: t.config.secret });
    installAuthorization(app, deps());
    app.get('/open', { config: { permission: PUBLIC } }, async () => ({ ok: true }));
    app.get('/guarded', { config: { permission: AUTHENTICATED } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ url: '/open' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/guarded' })).statusCode).toBe(401);
    await app.close();
  });
});
