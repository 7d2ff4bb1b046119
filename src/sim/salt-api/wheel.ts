import { asString } from './args.js';
import { connectedIds, type Fleet } from './fleet.js';
import type { JsonObject, JsonValue } from './json.js';
import type { KeyStore } from './keys.js';

export interface WheelFunction {
  params: string[];
  required: number;
  run(keys: KeyStore, kw: JsonObject, fleet: Fleet): JsonValue;
}

/** The `key` (and `minions`) wheel modules; each returns what `data.return` carries. */
export const WHEELS: Record<string, WheelFunction> = {
  'key.list_all': { params: [], required: 0, run: (keys) => keys.listAll() },
  'key.list': { params: ['match'], required: 1, run: (keys, kw) => keys.listStatus(asString(kw.match)) },
  'key.name_match': { params: ['match', 'full'], required: 1, run: (keys, kw) => keys.nameMatch(kw.match ?? '') },
  'key.accept': { params: ['match', 'include_rejected', 'include_denied'], required: 1, run: (keys, kw) => keys.accept(kw.match ?? '', kw) },
  'key.reject': { params: ['match', 'include_accepted', 'include_denied'], required: 1, run: (keys, kw) => keys.reject(kw.match ?? '', kw) },
  'key.delete': { params: ['match'], required: 1, run: (keys, kw) => keys.delete(kw.match ?? '') },
  'key.accept_dict': { params: ['match', 'include_rejected', 'include_denied'], required: 1, run: (keys, kw) => keys.dictAction('accept', kw.match ?? {}) },
  'key.reject_dict': { params: ['match', 'include_accepted', 'include_denied'], required: 1, run: (keys, kw) => keys.dictAction('reject', kw.match ?? {}) },
  'key.delete_dict': { params: ['match'], required: 1, run: (keys, kw) => keys.dictAction('delete', kw.match ?? {}) },
  'key.finger': { params: ['match', 'hash_type'], required: 1, run: (keys, kw) => keys.finger(kw.match ?? '') },
  'key.finger_master': { params: ['hash_type'], required: 0, run: (keys) => keys.fingerMaster() },
  'key.key_str': { params: ['match'], required: 1, run: (keys, kw) => keys.keyStr(kw.match ?? '') },
  'key.gen_accept': { params: ['id_', 'keysize', 'force'], required: 1, run: (keys, kw) => keys.genAccept(asString(kw.id_), kw) },
  'minions.connected': { params: [], required: 0, run: (_keys, _kw, fleet) => connectedIds(fleet) },
};
