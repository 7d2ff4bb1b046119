import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../audit/service.js';
import { fromFlag } from '../../db/dialect.js';
import type { DB } from '../../db/tables.js';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../../errors.js';
import { pagination, type PageOf, type PageQuery } from '../../http/schemas.js';
import type { Actor } from '../../rbac/actor.js';
import { parseGrant, type Grant } from '../../rbac/permissions.js';
import { uniqueGrants } from '../../rbac/rbac.js';
import * as users from '../../users/repo.js';
import { constantTimeEqual, randomToken, sha256 } from '../keys.js';
import * as repo from './repo.js';
import type { ApiKeyCreate, ApiKeyCreated, ApiKeyView } from './schema.js';

const KEY_PATTERN = /^fdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const TOUCH_EVERY_MS = 60_000;

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export const toApiKeyView = (row: repo.ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: `fdk_${row.prefix}`,
  permissions: parseJson<string[]>(row.permissions_json) ?? [],
  site_ids: parseJson<string[]>(row.site_ids_json),
  created_by: row.created_by,
  created_at: row.created_at,
  expires_at: row.expires_at,
  last_used_at: row.last_used_at,
  revoked_at: row.revoked_at,
});

export type ApiKeysService = ReturnType<typeof apiKeysService>;

/**
 * API keys for edge agents and automation (`X-API-Key`). The secret is shown once and kept as a
 * SHA-256 hash; a key acts with its own permissions and never beyond its creator's.
 */
export function apiKeysService(deps: { db: Kysely<DB>; audit: AuditService; clock?: () => Date }) {
  const { db, audit } = deps;
  const clock = deps.clock ?? (() => new Date());

  return {
    async create(actor: Actor, input: ApiKeyCreate): Promise<ApiKeyCreated> {
      const creator = actor.userId;
      if (!creator) throw ValidationError.field('actor', 'API keys are created by a user', 422);
      // Normalized to UTC `Z`, so the text comparisons here and in `resolve` compare instants.
      const expiresAt = input.expires_at ? new Date(input.expires_at).toISOString() : null;
      if (expiresAt && expiresAt <= clock().toISOString()) {
        throw ValidationError.field('expires_at', 'must be in the future', 422);
      }
      const permissions = [...new Set(input.permissions)];
      const prefix = randomBytes(6).toString('hex');
      const secret = randomToken(32);
      const row: repo.ApiKeyRow = {
        id: randomUUID(), name: input.name, prefix, key_hash: sha256(secret), permissions_json: JSON.stringify(permissions),
        site_ids_json: input.site_ids ? JSON.stringify(input.site_ids) : null, created_by: creator,
        created_at: clock().toISOString(), expires_at: expiresAt, last_used_at: null, revoked_at: null,
      };
      const draft = { action: 'api_key.create', resource: `api_key:${row.id}`, args: { name: input.name, permissions, site_ids: input.site_ids, expires_at: input.expires_at }, resultCode: 201 };
      return audit.audited(actor, draft, async (trx) => {
        await repo.insert(trx, row);
        return { ...toApiKeyView(row), key: `fdk_${prefix}_${secret}` };
      });
    },

    async list(query: PageQuery): Promise<PageOf<ApiKeyView>> {
      const { limit, offset } = pagination.window(query);
      const [total, rows] = await Promise.all([repo.count(db), repo.list(db, limit, offset)]);
      return pagination.envelope(rows.map(toApiKeyView), total, query);
    },

    async get(id: string): Promise<ApiKeyView> {
      const row = await repo.findById(db, id);
      if (!row) throw new NotFoundError('API key not found');
      return toApiKeyView(row);
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      await audit.audited(actor, { action: 'api_key.revoke', resource: `api_key:${id}`, resultCode: 204 }, async (trx, draft) => {
        const row = await repo.findById(trx, id);
        if (!row) throw new NotFoundError('API key not found');
        draft.before = toApiKeyView(row);
        await repo.revoke(trx, id, clock().toISOString());
      });
    },

    /** Resolves an `X-API-Key` header to its actor, or throws 401. */
    async resolve(presented: string, meta: { requestId?: string; ip?: string }): Promise<Actor> {
      const match = KEY_PATTERN.exec(presented);
      const row = match ? await repo.findByPrefix(db, match[1] as string) : undefined;
      const now = clock();
      if (!match || !row || !constantTimeEqual(row.key_hash, sha256(match[2] as string)) || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) {
        throw new UnauthenticatedError('Invalid API key');
      }
      const creator = await users.findById(db, row.created_by);
      if (!creator || !fromFlag(creator.is_active)) throw new UnauthenticatedError('Invalid API key');
      if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
        await repo.touch(db, row.id, now.toISOString());
      }
      const keyGrants = (parseJson<string[]>(row.permissions_json) ?? []).map(parseGrant).filter((g): g is Grant => g !== null);
      return {
        kind: 'api_key', id: row.id, name: row.name, userId: row.created_by,
        grantSets: [keyGrants, uniqueGrants(await users.grantsOf(db, row.created_by))],
        mustChangePassword: false, requestId: meta.requestId, ip: meta.ip,
      };
    },
  };
}
