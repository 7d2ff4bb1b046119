import { asString } from '../args.js';
import { globMatch } from '../glob.js';
import type { JsonObject } from '../json.js';
import { cmdModule } from './cmd-module.js';
import { grainsModule } from './grains-module.js';
import { pkgModule } from './pkg-module.js';
import { saltutilModule } from './saltutil-module.js';
import { stateModule } from './state-module.js';
import { systemModule } from './system-module.js';
import { testModule } from './test-module.js';
import { doc, type ExecCall, type ExecFunction, type ExecModule } from './types.js';

/** Every execution function a simulated minion has: `fun` name -> implementation. */
export const EXEC_FUNCTIONS: ExecModule = {
  ...testModule, ...cmdModule, ...grainsModule, ...pkgModule, ...saltutilModule, ...stateModule, ...systemModule,
};

const allNames = (): string[] => Object.keys(EXEC_FUNCTIONS).sort();

/** `sys.list_functions`: module names select `mod.*`; names with `*` or `.` are globs. */
function listFunctions(call: ExecCall): string[] {
  if (call.args.length === 0) return allNames();
  const names = new Set<string>();
  for (const raw of call.args) {
    const arg = asString(raw);
    for (const fun of allNames()) {
      if (arg.includes('*') || arg.includes('.') ? globMatch(fun, arg) : fun.startsWith(`${arg}.`)) names.add(fun);
    }
  }
  return [...names].sort();
}

/** `sys.doc`: a module name (with or without the dot), a glob, or exact function names. */
function docs(call: ExecCall): JsonObject {
  const out: JsonObject = {};
  const selected = call.args.length === 0 ? allNames() : allNames().filter((fun) => call.args.some((raw) => {
    const arg = asString(raw);
    if (arg.includes('*')) return globMatch(fun, arg);
    const prefix = arg.endsWith('.') ? arg : `${arg}.`;
    return fun === arg || fun.startsWith(prefix);
  }));
  for (const fun of selected) out[fun] = EXEC_FUNCTIONS[fun]?.doc ?? null;
  return out;
}

const sysModule: Record<string, ExecFunction> = {
  'sys.list_functions': { run: (call) => ({ return: listFunctions(call) }), doc: doc('sys.list_functions', 'Lists the functions for all modules, or for the named modules (globs allowed).', 'sys pkg') },
  'sys.list_modules': {
    run: (call) => {
      const modules = [...new Set(allNames().map((f) => f.split('.')[0] ?? f))].sort();
      const patterns = call.args.map((a) => asString(a));
      return { return: patterns.length === 0 ? modules : modules.filter((m) => patterns.some((p) => globMatch(m, p))) };
    },
    doc: doc('sys.list_modules', 'Lists the modules loaded on the minion (globs allowed).', "'s*'"),
  },
  'sys.doc': { run: (call) => ({ return: docs(call) }), doc: doc('sys.doc', 'Returns the docstrings for all functions, or for the named modules and functions.', 'test.ping') },
};
Object.assign(EXEC_FUNCTIONS, sysModule);
