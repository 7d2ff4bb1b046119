import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/core/db/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const tsx = path.resolve('node_modules/.bin/tsx');
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-cli-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, DATABASE_URL: database.url, FLEETDECK_DATA_DIR: dataDir, FLEETDECK_ADMIN_PASSWORD: 'cli-admin-password', LOG_LEVEL: 'silent' });
const cli = (...args: string[]) => spawnSync(tsx, ['src/cli/main.ts', ...args], { env: env(), encoding: 'utf8', timeout: 60_000 });

describe('fleetdeck CLI', () => {
  it('migrate reports an up-to-date database after the first run', () => {
    const first = cli('migrate');
    expect(first.status, first.stderr).toBe(0);
    const second = cli('migrate');
    expect(second.stdout.trim()).toBe('Database is up to date');
  });

  it('user create makes a user with the named roles and prints a generated password', async () => {
    const created = cli('user', 'create', 'cli-ops', '--role', 'operator', 'viewer', '--display-name', 'CLI Ops');
    expect(created.status, created.stderr).toBe(0);
    const password = /with password (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeTruthy();

    const db = openDatabase(database.url);
    try {
      await migrateToLatest(db);
      const user = await db.db.selectFrom('users').selectAll().where('username', '=', 'cli-ops').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ display_name: 'CLI Ops', must_change_pw: 1 });
      const roles = await db.db.selectFrom('user_roles').innerJoin('roles', 'roles.id', 'user_roles.role_id').select('roles.name').where('user_id', '=', user.id).execute();
      expect(roles.map((r) => r.name).sort()).toEqual(['operator', 'viewer']);
      const audit = await db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('resource', '=', 'user:cli-ops').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor: 'cli', actor_type: 'system', decision: 'allow' });
    } finally {
      await db.destroy();
    }
  });

  it('rejects a duplicate user and an unknown role with a message and exit code 1', () => {
    const duplicate = cli('user', 'create', 'cli-ops');
    expect([duplicate.status, duplicate.stderr.trim()]).toEqual([1, 'Username already exists']);
    const unknownRole = cli('user', 'create', 'cli-other', '--role', 'wizard');
    expect([unknownRole.status, unknownRole.stderr.trim()]).toEqual([1, 'Role not found']);
  });

  it('user reset-password sets the given password and forces a change', () => {
    const reset = cli('user', 'reset-password', 'cli-ops', '--password', 'reset-password-1');
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout.trim()).toBe('Password of cli-ops reset');
  });

  it('api-key create prints the key once and stores only its hash, acting for the user', async () => {
    const created = cli('api-key', 'create', '--name', 'edge-1', '--user', 'cli-ops', '--permission', 'view:audit:*');
    expect(created.status, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^fdk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const db = openDatabase(database.url);
    try {
      const row = await db.db.selectFrom('api_keys').innerJoin('users', 'users.id', 'api_keys.created_by').select(['api_keys.key_hash', 'api_keys.permissions_json', 'users.username']).where('name', '=', 'edge-1').executeTakeFirstOrThrow();
      expect(row.username).toBe('cli-ops');
      expect(JSON.parse(row.permissions_json)).toEqual(['view:audit:*']);
      expect(row.key_hash).not.toContain(key.slice(18));
    } finally {
      await db.destroy();
    }
  });

  it('serve answers /healthz and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['src/cli/main.ts', 'serve'], { env: { ...env(), PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
