import { useId, useMemo, useState } from 'react';

type Json = unknown;

const isBranch = (value: Json): value is Record<string, Json> | Json[] => typeof value === 'object' && value !== null;

const scalarText = (value: Json) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * What is left of `value` when only the parts matching `term` are kept: a key that matches keeps
 * its whole subtree, a scalar is kept when its text matches. Undefined when nothing matches.
 */
function prune(value: Json, term: string): Json | undefined {
  if (!isBranch(value)) return scalarText(value).toLowerCase().includes(term) ? value : undefined;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  const kept: [string, Json][] = [];
  for (const [key, child] of entries) {
    if (key.toLowerCase().includes(term)) kept.push([key, child]);
    else {
      const pruned = prune(child, term);
      if (pruned !== undefined) kept.push([key, pruned]);
    }
  }
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept);
}

function summary(value: Record<string, Json> | Json[]): string {
  const count = Array.isArray(value) ? value.length : Object.keys(value).length;
  return Array.isArray(value) ? `[${count}]` : `{${count}}`;
}

function GrainNode({ name, value, expanded }: { name: string; value: Json; expanded: boolean }) {
  if (!isBranch(value)) {
    return (
      <li className="tree-leaf">
        <span className="tree-key">{name}</span>
        <span className="tree-sep">: </span>
        <code className={`tree-value tree-value-${value === null ? 'null' : typeof value}`}>{scalarText(value)}</code>
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  return (
    <li className="tree-branch">
      <details open={expanded}>
        <summary>
          <span className="tree-key">{name}</span> <span className="muted">{summary(value)}</span>
        </summary>
        <ul className="tree">
          {entries.map(([key, child]) => (
            <GrainNode key={key} name={key} value={child} expanded={expanded} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The minion's grains as a tree, narrowed by a search over keys and values. */
export function GrainsExplorer({ grains }: { grains: Record<string, Json> }) {
  const searchId = useId();
  const [search, setSearch] = useState('');
  const term = search.trim().toLowerCase();
  const shown = useMemo(() => (term ? (prune(grains, term) as Record<string, Json> | undefined) : grains), [grains, term]);
  const entries = Object.entries(shown ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="grains" data-testid="grains-explorer">
      <div className="field grains-search">
        <label htmlFor={searchId}>Search grains</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Key or value, e.g. kernel or 10.0."
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {entries.length === 0 ? (
        <p className="muted">No grain matches “{search}”.</p>
      ) : (
        // Re-mounted per search so matching branches open and others close again.
        <ul className="tree tree-root" key={term}>
          {entries.map(([key, value]) => (
            <GrainNode key={key} name={key} value={value} expanded={term !== ''} />
          ))}
        </ul>
      )}
    </div>
  );
}
