import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a new SQLite file, or (TEST_DATABASE_URL=postgres://…) a
 * clone of the migrated template database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('pgTemplate');
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleetdeck-test-'));
    return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `fleetdeck_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export const testEngine = (): 'sqlite' | 'postgres' => (inject('pgTemplate') ? 'postgres' : 'sqlite');
