import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { engineOf, type Engine } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { DB } from './tables.js';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  destroy(): Promise<void>;
}

const PG_TIMESTAMPTZ = 1184;
const PG_INT8 = 20;

/** Parses PostgreSQL values into the same JS shapes SQLite yields (see dialect.ts). */
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === PG_TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    if (oid === PG_INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 with its prepared statements kept: Kysely prepares every query anew, and on a
 * hot read path preparing costs more than running. The builder emits the same SQL text for the
 * same query shape, so a small LRU keyed by text catches nearly every call.
 */
function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

function sqliteFile(url: string): string {
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return file;
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function openDatabase(url: string, options: { poolSize?: number; onIdleError?: (error: Error) => void } = {}): Database {
  const engine = engineOf(url);
  if (engine === 'sqlite') {
    const sqlite = new SQLite(sqliteFile(url));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 15000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
    return { db, engine, destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
  // An idle connection that the server drops (a restart, a failover) is replaced on next use;
  // unheard, pg would raise it as an uncaught exception and end the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine, destroy: () => db.destroy() };
}

function provider(engine: Engine): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, m]) => [
          name,
          { up: (db: Kysely<unknown>) => m.up(db, engine) },
        ]),
      ),
  };
}

/** Brings the schema to the newest migration; returns the names applied now. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: provider(database.engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
