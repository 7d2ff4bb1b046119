import type { SaltClient } from '../client/client.js';

const CATALOG_TTL_MS = 60 * 60_000;
/** Seconds the master waits for minions to answer `sys.list_functions`. */
const SALT_TIMEOUT_S = 10;

export interface FunctionCatalog {
  functions: string[];
  cached_at: string;
}

export type SaltDocsService = ReturnType<typeof saltDocsService>;

/**
 * The function catalogue for the Run form's autocomplete: the union of `sys.list_functions`
 * over every minion, cached for an hour. Concurrent misses share one Salt call (single flight).
 */
export function saltDocsService(deps: { client: () => SaltClient; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  // Kept per client: a new connection (settings changed) starts a new catalogue.
  let cached: { client: SaltClient; catalog: FunctionCatalog; at: number } | null = null;
  let inFlight: Promise<FunctionCatalog> | null = null;

  async function load(client: SaltClient): Promise<FunctionCatalog> {
    const perMinion = await client.sysListFunctions('*', undefined, { timeoutMs: (SALT_TIMEOUT_S + 20) * 1000 });
    const functions = [...new Set(Object.values(perMinion).flat())].sort();
    const catalog = { functions, cached_at: clock().toISOString() };
    cached = { client, catalog, at: clock().getTime() };
    return catalog;
  }

  return {
    functions(): Promise<FunctionCatalog> {
      const client = deps.client();
      if (cached?.client === client && clock().getTime() - cached.at < CATALOG_TTL_MS) return Promise.resolve(cached.catalog);
      inFlight ??= load(client).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
