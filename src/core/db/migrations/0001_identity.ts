import { sql, type Kysely } from 'kysely';
import { columnTypes, serialPrimaryKey, type Engine } from '../dialect.js';

/** Users, sessions, roles and permissions, the audit trail, API credentials and settings. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('username', 'varchar(255)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(320)')
    .addColumn('is_active', t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('is_builtin', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('must_change_pw', t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_login_at', t.timestamp)
    .execute();
  // Usernames are unique without regard to case.
  await sql`create unique index users_username_lower on users (lower(username))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('user_agent', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_builtin', t.flag, (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('permissions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('role_id', t.id, (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('verb', 'varchar(64)', (c) => c.notNull())
    .addColumn('resource_glob', 'varchar(255)', (c) => c.notNull())
    .addUniqueConstraint('permissions_role_verb_glob', ['role_id', 'verb', 'resource_glob'])
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role_id', t.id, (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', serialPrimaryKey(engine), (c) =>
      engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('user_id', t.id)
    .addColumn('actor', 'varchar(255)', (c) => c.notNull())
    .addColumn('actor_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('action', 'varchar(128)', (c) => c.notNull())
    .addColumn('resource', 'varchar(512)', (c) => c.notNull())
    .addColumn('args_json', t.json)
    .addColumn('before_json', t.json)
    .addColumn('after_json', t.json)
    .addColumn('salt_jid', 'varchar(64)')
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('result_code', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('request_id', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_user_id').on('audit_log').column('user_id').execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').column('action').execute();

  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await sql`insert into audit_chain (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('family_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('permissions_json', t.json, (c) => c.notNull())
    .addColumn('site_ids_json', t.json)
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp)
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value_json', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}
