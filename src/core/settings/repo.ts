import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';

export async function read(db: Kysely<DB>, key: string): Promise<{ value_json: string; updated_at: string } | undefined> {
  return db.selectFrom('app_settings').select(['value_json', 'updated_at']).where('key', '=', key).executeTakeFirst();
}

export async function write(db: Kysely<DB>, key: string, valueJson: string, at: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}
