import { asString } from '../args.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import { doc, type ExecModule } from './types.js';

/** `traverse_dict_and_list` with the default `:` delimiter. */
export function traverse(data: JsonValue, key: string, fallback: JsonValue): JsonValue {
  let node: JsonValue | undefined = data;
  for (const part of key.split(':')) {
    if (isJsonObject(node)) node = node[part];
    else if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else return fallback;
    if (node === undefined) return fallback;
  }
  return node;
}

/** `grains.*`: `grains.item` and `grains.items` name the `nested` outputter in their returns. */
export const grainsModule: ExecModule = {
  'grains.items': {
    run: (call) => ({ return: call.minion.grains, out: 'nested' }),
    doc: doc('grains.items', 'Returns all of the minion\'s grains.'),
  },
  'grains.item': {
    run: (call) => {
      const fallback = call.kwargs.default ?? '';
      const out: JsonObject = {};
      for (const name of call.args) out[asString(name)] = traverse(call.minion.grains, asString(name), fallback);
      return { return: out, out: 'nested' };
    },
    doc: doc('grains.item', 'Returns one or more grains, keyed by name.', 'os roles'),
  },
  'grains.get': {
    run: (call) => {
      const key = asString(call.args[0] ?? call.kwargs.key);
      return { return: traverse(call.minion.grains, key, call.args[1] ?? call.kwargs.default ?? '') };
    },
    doc: doc('grains.get', 'Attempts to retrieve the named value from grains; nested keys are separated by ``:``.', 'pkg:apache'),
  },
  'grains.ls': {
    run: (call) => ({ return: Object.keys(call.minion.grains).sort() }),
    doc: doc('grains.ls', 'Returns a list of all available grains.'),
  },
};
