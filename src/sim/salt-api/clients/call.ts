import { splitArgs } from '../args.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/** Keys of a lowstate chunk that belong to salt-api and eauth, never to the called function. */
const RESERVED = new Set(['client', 'fun', 'token', 'username', 'password', 'eauth', 'arg', 'kwarg', 'full_return', 'user', 'key', 'print_event']);

export interface FormattedCall {
  kw: JsonObject;
  /** As events report it: required args positionally, then a dict of the optional ones given. */
  funArgs: JsonValue[];
  missing: string[];
}

/**
 * Salt's `format_call` for runner and wheel chunks: `arg`/`kwarg` when given, else the chunk's
 * top-level keys that the function's signature names.
 */
export function formatCall(def: { params: string[]; required: number }, chunk: JsonObject): FormattedCall {
  const kw: JsonObject = {};
  const argList = Array.isArray(chunk.arg) ? chunk.arg : [];
  const kwarg = isJsonObject(chunk.kwarg) ? chunk.kwarg : {};
  if (argList.length > 0 || Object.keys(kwarg).length > 0) {
    const { args, kwargs } = splitArgs(argList);
    args.forEach((value, i) => {
      const name = def.params[i];
      if (name) kw[name] = value;
    });
    for (const [k, v] of Object.entries({ ...kwargs, ...kwarg })) if (def.params.includes(k)) kw[k] = v;
  } else {
    for (const [k, v] of Object.entries(chunk)) if (!RESERVED.has(k) && def.params.includes(k)) kw[k] = v;
  }
  const required = def.params.slice(0, def.required);
  const optional: JsonObject = {};
  for (const name of def.params.slice(def.required)) if (name in kw) optional[name] = kw[name] ?? null;
  const funArgs: JsonValue[] = required.filter((p) => p in kw).map((p) => kw[p] ?? null);
  if (Object.keys(optional).length > 0) funArgs.push(optional);
  return { kw, funArgs, missing: required.filter((p) => !(p in kw)) };
}
