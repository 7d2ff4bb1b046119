import type { Kysely } from 'kysely';
import type { Engine } from '../dialect.js';
import * as m0001 from './0001_identity.js';
import * as m0002 from './0002_salt.js';

/** A migration receives the engine so it can pick column types from dialect.ts. */
export interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Every migration in order. A shipped migration is never edited: add the next one. */
export const migrations: Record<string, EngineMigration> = {
  '0001_identity': m0001,
  '0002_salt': m0002,
};
