import { ValidationError } from '../../core/errors.js';
import type { LowstateClients } from './clients.js';
import { type KeyEntry, parseKeyBuckets } from './parse/keys.js';
import { idList, isRecord, isStringArray, type JsonObject } from './parse/values.js';
import type { CallOptions, SaltTarget } from './types.js';

/** Minions: presence, keys, grains, packages and the function catalogue, parsed. */
export function minionCalls(salt: Pick<LowstateClients, 'local' | 'runner' | 'wheel'>) {
  return {
    /** Runner `manage.status`: pings every accepted key. */
    async manageStatus(call?: CallOptions): Promise<{ up: string[]; down: string[] }> {
      const value = await salt.runner('manage.status', undefined, call);
      const record = isRecord(value) ? value : {};
      return { up: idList(record.up), down: idList(record.down) };
    },
    /** Runner `manage.present`: ids with a live connection (cheap, no ping). */
    async managePresent(call?: CallOptions): Promise<string[]> {
      return idList(await salt.runner('manage.present', undefined, call));
    },
    async keyListAll(call?: CallOptions): Promise<KeyEntry[]> {
      return parseKeyBuckets(await salt.wheel('key.list_all', undefined, call));
    },
    /** Accepts a pending, rejected or denied key; answers the keys that moved. */
    async keyAccept(id: string, call?: CallOptions): Promise<KeyEntry[]> {
      return parseKeyBuckets(await salt.wheel('key.accept', { match: exactId(id), include_rejected: true, include_denied: true }, call));
    },
    /** Rejects a key in any state (`include_accepted`, or Salt silently keeps an accepted key). */
    async keyReject(id: string, call?: CallOptions): Promise<KeyEntry[]> {
      return parseKeyBuckets(await salt.wheel('key.reject', { match: exactId(id), include_accepted: true, include_denied: true }, call));
    },
    /** Deletes a key; idempotent (Salt answers `{}` either way). */
    async keyDelete(id: string, call?: CallOptions): Promise<void> {
      await salt.wheel('key.delete', { match: exactId(id) }, call);
    },
    /** Local `grains.items`; minions that did not answer with grains are left out. */
    async grainsItems(target: SaltTarget, call?: CallOptions): Promise<Record<string, JsonObject>> {
      return pickValues(await salt.local(target, 'grains.items', {}, call), isRecord);
    },
    /** Local `pkg.list_pkgs` → `{minion: {package: version(s)}}`; non-answers left out. */
    async pkgListPkgs(target: SaltTarget, kwarg?: Record<string, unknown>, call?: CallOptions): Promise<Record<string, JsonObject>> {
      return pickValues(await salt.local(target, 'pkg.list_pkgs', kwarg ? { kwarg } : {}, call), isRecord);
    },
    /** Local `sys.list_functions` → `{minion: ["test.ping", …]}`; non-answers left out. */
    async sysListFunctions(target: SaltTarget, module?: string, call?: CallOptions): Promise<Record<string, string[]>> {
      return pickValues(await salt.local(target, 'sys.list_functions', module ? { arg: [module] } : {}, call), isStringArray);
    },
    /** Local `sys.doc` for one function or module, merged over the minions → `{function: docstring}`. */
    async sysDoc(fun: string, target: SaltTarget = '*', call?: CallOptions): Promise<Record<string, string>> {
      const docs: Record<string, string> = {};
      for (const perMinion of Object.values(await salt.local(target, 'sys.doc', { arg: [fun] }, call))) {
        if (!isRecord(perMinion)) continue;
        for (const [name, doc] of Object.entries(perMinion)) if (typeof doc === 'string' && !docs[name]) docs[name] = doc;
      }
      return docs;
    },
  };
}

/** Wheel `match` is a glob (and a comma list): an id with those characters would hit other keys. */
function exactId(id: string): string {
  if (id === '' || /[*?[\],]/.test(id)) throw ValidationError.field('id', 'must be a single minion id, not a pattern');
  return id;
}

function pickValues<T>(returns: JsonObject, keep: (value: unknown) => value is T): Record<string, T> {
  const picked: Record<string, T> = {};
  for (const [minion, value] of Object.entries(returns)) if (keep(value)) picked[minion] = value;
  return picked;
}
