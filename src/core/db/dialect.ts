import type { DB } from './tables.js';
import { sql, type ColumnDataType, type Expression, type Kysely, type RawBuilder } from 'kysely';

/** The two engines Fleetdeck runs on; every engine difference is decided here. */
export type Engine = 'sqlite' | 'postgres';

export function engineOf(url: string): Engine {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/**
 * Column types per engine. Time is an ISO-8601 UTC string in both (timestamptz on PostgreSQL,
 * parsed back to the same string), booleans are 0/1 integers in both so rows compare alike,
 * JSON is text in both and parsed by the repos that own it.
 */
export function columnTypes(engine: Engine) {
  const pg = engine === 'postgres';
  return {
    id: (pg ? 'uuid' : 'text') as ColumnDataType,
    timestamp: (pg ? 'timestamptz' : 'text') as ColumnDataType,
    flag: 'integer' as ColumnDataType,
    json: 'text' as ColumnDataType,
    bigint: (pg ? 'bigint' : 'integer') as ColumnDataType,
    /** Binary (compressed job returns): Buffer on both engines. */
    bytes: (pg ? 'bytea' : 'blob') as ColumnDataType,
  };
}

/** An auto-increment 64-bit primary key (audit rows, readings). */
export function serialPrimaryKey(engine: Engine): ColumnDataType {
  return (engine === 'postgres' ? 'bigserial' : 'integer') as ColumnDataType;
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => Boolean(value);

/** Current time as the ISO string both engines store. */
export const isoNow = (clock: () => Date = () => new Date()): string => clock().toISOString();

/** Case-insensitive equality without engine-specific operators: compare lower(col) to lower(v). */
export function lowerEquals(column: Expression<string>, value: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${column}) = ${value.toLowerCase()}`;
}

/** `SELECT 1`, the readiness probe. */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
