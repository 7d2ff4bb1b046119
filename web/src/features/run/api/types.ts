// Payload shapes of `/api/run` and `/api/salt/functions` (salt-console.md §4,
// src/salt/run/schema.ts). Declared here until the web app switches to `import type` from the
// server schema.

export const TARGET_TYPES = ['glob', 'list', 'pcre', 'grain', 'grain_pcre', 'pillar', 'nodegroup', 'range', 'compound', 'ipcidr'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export interface RunCommandIn {
  target: string;
  target_type: TargetType;
  fun: string;
  args: string[];
  kwargs: Record<string, unknown>;
  /** false waits for the returns (`local`); true dispatches and answers at once (`local_async`). */
  async?: boolean;
  /** Run on this many minions (`10`) or this share (`25%`) at a time (waits for the returns). */
  batch?: string;
  /** Seconds the master waits for minions when waiting. */
  timeout?: number;
}

/** 202: the job is dispatched (`local_async`). */
export interface RunDispatched {
  jid: string;
  minions: string[];
}

/** 200: a synchronous or batched run, with every minion's return. */
export interface RunReturns {
  /** The first batch's JID (all in `jids`); null when no minion answered. */
  jid: string | null;
  jids: string[];
  minions: string[];
  /** `false` for a minion that did not answer. */
  returns: Record<string, unknown>;
  retcodes: Record<string, number | null>;
}

export type RunResult = RunDispatched | RunReturns;

export interface FunctionCatalog {
  functions: string[];
  cached_at: string;
}
