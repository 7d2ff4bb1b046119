import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/core/config/index.js';
import { SYSTEM_ACTOR } from '../../src/core/rbac/actor.js';
import { createFleetdeck, type Fleetdeck } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  fd: Fleetdeck;
  config: Readonly<Config>;
  /** A unique name for this test run: `prefix-<8 hex>`. */
  unique(prefix: string): string;
  /** Creates a user (no forced password change) holding the named roles; returns its id and name. */
  makeUser(opts?: { roles?: string[]; username?: string; password?: string; mustChange?: boolean }): Promise<{ id: string; username: string }>;
  /** A custom role with the given `verb:resource` grants. */
  makeRole(grants: string[]): Promise<{ id: string; name: string }>;
  /** Signs in through the API and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** Cookie of a fresh user with the named roles. */
  cookieFor(roles: string[]): Promise<string>;
  /** Bearer header value of a fresh user with the named roles. */
  bearerFor(roles: string[]): Promise<string>;
  close(): Promise<void>;
}

export function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'halite_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `halite_session=${cookie.value}`;
}

/** A whole Fleetdeck on a fresh database, driven in-process with `app.inject()`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    FLEETDECK_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fleetdeck-data-')),
    FLEETDECK_SECRET: 'test-secret-'.padEnd(48, 'x'),
    FLEETDECK_ADMIN_PASSWORD: TEST_PASSWORD,
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const fd = await createFleetdeck(config, { logger: false });
  const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  async function makeUser(opts: { roles?: string[]; username?: string; password?: string; mustChange?: boolean } = {}) {
    const roleIds = await Promise.all((opts.roles ?? []).map((name) => fd.services.rbac.roleIdByName(name)));
    const user = await fd.services.users.create(SYSTEM_ACTOR, {
      username: opts.username ?? unique('user'), display_name: '', email: null,
      password: opts.password ?? TEST_PASSWORD, must_change_pw: opts.mustChange ?? false, role_ids: roleIds,
    });
    return { id: user.id, username: user.username };
  }

  async function login(username: string, password = TEST_PASSWORD) {
    const response = await fd.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    return cookieOf(response);
  }

  return {
    fd,
    config,
    unique,
    makeUser,
    async makeRole(grants) {
      const role = await fd.services.rbac.create(SYSTEM_ACTOR, { name: unique('role'), description: '' });
      for (const grant of grants) {
        const colon = grant.indexOf(':');
        await fd.services.rbac.addPermission(SYSTEM_ACTOR, role.id, { verb: grant.slice(0, colon), resource_glob: grant.slice(colon + 1) });
      }
      return { id: role.id, name: role.name };
    },
    login,
    async cookieFor(roles) {
      const user = await makeUser({ roles });
      return login(user.username);
    },
    async bearerFor(roles) {
      const user = await makeUser({ roles });
      const response = await fd.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      return `Bearer ${(response.json() as { access_token: string }).access_token}`;
    },
    async close() {
      await fd.close();
      await database.drop();
    },
  };
}
