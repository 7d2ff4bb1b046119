import { Type, type Static } from 'typebox';
import { Nullable } from '../../core/http/schemas.js';

export const TARGET_TYPES = ['glob', 'list', 'pcre', 'grain', 'grain_pcre', 'pillar', 'nodegroup', 'range', 'compound', 'ipcidr'] as const;
export const RunTargetType = Type.Enum(TARGET_TYPES, { default: 'glob' });
export type RunTargetType = Static<typeof RunTargetType>;

export const RunCommandIn = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: 1024 }),
    target_type: RunTargetType,
    /** `module.function` (checked by the service, so the error names the rule). */
    fun: Type.String({ minLength: 1, maxLength: 128 }),
    args: Type.Array(Type.Unknown(), { maxItems: 64, default: [] }),
    /** Keyword arguments (any JSON values); always sent under `kwarg`, so they cannot clash with `tgt`/`fun`. */
    kwargs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    /** true (default): dispatch and answer 202 at once (`local_async`); false: wait for the returns (`local`). */
    async: Type.Boolean({ default: true }),
    /** Run on this many minions (`10`) or this share (`25%`) at a time (`local_batch`, waits for the returns). */
    batch: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}%?$' })),
    /** Seconds the master waits for minions when waiting (Salt's `timeout`). */
    timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  },
  { additionalProperties: false },
);
export type RunCommandIn = Static<typeof RunCommandIn>;

/** 202: the job is dispatched. */
export const RunDispatched = Type.Object({
  jid: Type.String(),
  minions: Type.Array(Type.String()),
});
export type RunDispatched = Static<typeof RunDispatched>;

/** 200: a synchronous or batched run, with every minion's return. */
export const RunResult = Type.Object({
  /** The job's JID; a batch run has one per batch (the first here, all in `jids`); null when no minion answered. */
  jid: Nullable(Type.String()),
  jids: Type.Array(Type.String()),
  minions: Type.Array(Type.String()),
  /** Each minion's return; `false` for a minion that did not answer. */
  returns: Type.Record(Type.String(), Type.Unknown()),
  retcodes: Type.Record(Type.String(), Nullable(Type.Integer())),
});
export type RunResult = Static<typeof RunResult>;
