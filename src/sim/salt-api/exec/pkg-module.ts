import { asString, truthy } from '../args.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { Package } from '../packages.js';
import { doc, type ExecCall, type ExecModule } from './types.js';

/** Splits an rpm `epoch:version-release` string the way yumpkg's attr output reports its parts. */
function rpmParts(full: string): { epoch?: string; version: string; release?: string } {
  const [epoch, rest] = full.includes(':') ? [full.slice(0, full.indexOf(':')), full.slice(full.indexOf(':') + 1)] : [undefined, full];
  const dash = rest.lastIndexOf('-');
  return dash < 0 ? { epoch, version: rest } : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

function attrEntry(pkg: Package, version: string, family: string, wanted: Set<string>): JsonObject {
  const entry: JsonObject = {};
  if (family === 'rpm') {
    const parts = rpmParts(version);
    if (wanted.has('epoch') && parts.epoch) entry.epoch = parts.epoch;
    entry.version = parts.version;
    if (wanted.has('release') && parts.release) entry.release = parts.release;
  } else entry.version = version;
  entry.arch = pkg.arch;
  return entry;
}

function listPkgs(call: ExecCall): JsonObject {
  const family = call.minion.os.pkgFamily;
  const attrRaw = call.kwargs.attr;
  const attr = Array.isArray(attrRaw) ? attrRaw.map((a) => asString(a)) : attrRaw ? asString(attrRaw).split(',').map((a) => a.trim()) : [];
  const asList = truthy(call.kwargs.versions_as_list);
  const out: JsonObject = {};
  for (const pkg of call.minion.packages) {
    // Several installed versions (kernels) are one comma-joined string unless a list is asked for.
    const versions = pkg.version.split(',');
    // pacman's list_pkgs takes no `attr`; aptpkg and yumpkg answer a list of dicts.
    if (attr.length > 0 && family !== 'pacman') {
      const wanted = new Set(attr.includes('all') ? ['epoch', 'version', 'release', 'arch'] : [...attr, 'version', 'arch']);
      out[pkg.name] = versions.map((v) => attrEntry(pkg, v, family, wanted));
    } else out[pkg.name] = asList ? versions : pkg.version;
  }
  return out;
}

/** `pkg.*` over the minion's simulated package set (apt, yum/dnf or pacman flavoured). */
export const pkgModule: ExecModule = {
  'pkg.list_pkgs': {
    durationMs: (call) => 200 + call.minion.rng.next() * 600,
    run: (call) => ({ return: listPkgs(call) }),
    doc: doc('pkg.list_pkgs', 'Lists the packages currently installed as a dict ``{<package_name>: <version>}``.\n\n    attr:\n        If a list of package attributes is specified, returns a list of dicts for each package.', 'attr=version,arch'),
  },
  'pkg.version': {
    run: (call) => {
      const find = (name: JsonValue): string => call.minion.packages.find((p) => p.name === asString(name))?.version ?? '';
      if (call.args.length === 1) return { return: find(call.args[0] ?? '') };
      return { return: Object.fromEntries(call.args.map((n) => [asString(n), find(n)])) };
    },
    doc: doc('pkg.version', 'Returns a string of the installed version of the package, or ``\'\'`` if it is not installed.', 'openssl'),
  },
};
