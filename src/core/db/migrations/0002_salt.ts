import type { Kysely } from 'kysely';
import { columnTypes, serialPrimaryKey, type Engine } from '../dialect.js';

/**
 * The Salt console's tables: the jobs index and stored per-minion returns, minion snapshots,
 * highstate runs, and the activity feed (salt-console.md §6). Minions, jobs and activity have no
 * foreign keys to one another on purpose: each is filled from Salt in its own order.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await db.schema
    .createTable('jobs_index')
    .addColumn('jid', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('function', 'varchar(128)', (c) => c.notNull())
    .addColumn('target', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('target_type', 'varchar(32)')
    .addColumn('user', 'varchar(255)')
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('arguments_json', t.json)
    .addColumn('minions_json', t.json)
    .addColumn('minion_count', 'integer')
    .addColumn('source', 'varchar(8)', (c) => c.notNull())
    .execute();
  // Keyset paging: newest first, the jid breaking ties; filtered variants by function and user.
  await db.schema.createIndex('jobs_index_started').on('jobs_index').columns(['started_at', 'jid']).execute();
  await db.schema.createIndex('jobs_index_function_started').on('jobs_index').columns(['function', 'started_at', 'jid']).execute();
  await db.schema.createIndex('jobs_index_user_started').on('jobs_index').columns(['user', 'started_at', 'jid']).execute();

  await db.schema
    .createTable('job_returns')
    .addColumn('jid', 'varchar(20)', (c) => c.notNull())
    .addColumn('minion_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('function', 'varchar(128)', (c) => c.notNull())
    .addColumn('success', t.flag)
    .addColumn('retcode', 'integer')
    .addColumn('return_gz', t.bytes, (c) => c.notNull())
    .addColumn('return_bytes', 'integer', (c) => c.notNull())
    .addColumn('truncated', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('returned_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('job_returns_pk', ['jid', 'minion_id'])
    .execute();
  await db.schema.createIndex('job_returns_minion').on('job_returns').columns(['minion_id', 'returned_at']).execute();

  await db.schema
    .createTable('minion_snapshots')
    .addColumn('minion_id', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('key_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('online', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('primary_ip', 'varchar(64)')
    .addColumn('os', 'varchar(64)')
    .addColumn('os_family', 'varchar(32)')
    .addColumn('osrelease', 'varchar(64)')
    .addColumn('kernel', 'varchar(32)')
    .addColumn('kernelrelease', 'varchar(64)')
    .addColumn('virtual_type', 'varchar(32)')
    .addColumn('num_cpus', 'integer')
    .addColumn('mem_total_mb', 'integer')
    .addColumn('saltversion', 'varchar(32)')
    .addColumn('grains_json', t.json)
    .addColumn('keys_refreshed_at', t.timestamp)
    .addColumn('presence_refreshed_at', t.timestamp)
    .addColumn('grains_refreshed_at', t.timestamp)
    .addColumn('last_seen_at', t.timestamp)
    .execute();
  await db.schema.createIndex('minion_snapshots_key_status').on('minion_snapshots').column('key_status').execute();

  await db.schema
    .createTable('highstate_runs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('minion_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('jid', 'varchar(20)', (c) => c.notNull())
    .addColumn('function', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp, (c) => c.notNull())
    .addColumn('pass_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fail_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('change_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('raw_result_json', t.json, (c) => c.notNull())
    .addUniqueConstraint('highstate_runs_minion_jid', ['minion_id', 'jid'])
    .execute();
  await db.schema.createIndex('highstate_runs_completed').on('highstate_runs').column('completed_at').execute();
  await db.schema.createIndex('highstate_runs_minion_completed').on('highstate_runs').columns(['minion_id', 'completed_at']).execute();

  await db.schema
    .createTable('activity_events')
    .addColumn('id', serialPrimaryKey(engine), (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('ts', t.timestamp, (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('minion_id', 'varchar(255)')
    .addColumn('jid', 'varchar(20)')
    .addColumn('function', 'varchar(128)')
    .addColumn('success', t.flag)
    .addColumn('changed', t.flag)
    .addColumn('initiator', 'varchar(255)')
    .addColumn('target', 'varchar(2048)')
    .addColumn('duration_ms', 'integer')
    .addColumn('summary', 'varchar(512)', (c) => c.notNull())
    .addColumn('raw_json', t.json)
    .execute();
  await db.schema.createIndex('activity_events_ts').on('activity_events').column('ts').execute();
  await db.schema.createIndex('activity_events_category_ts').on('activity_events').columns(['category', 'ts']).execute();
  await db.schema.createIndex('activity_events_minion_ts').on('activity_events').columns(['minion_id', 'ts']).execute();
  await db.schema.createIndex('activity_events_jid').on('activity_events').column('jid').execute();
}
