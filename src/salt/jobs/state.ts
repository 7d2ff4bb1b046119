/**
 * What the jobs poller knows that is not in the database: the active-JID cache (which jobs Salt
 * reports as running) and when the index was last reconciled. In memory, one process: cleared when
 * the Salt connection is torn down, so `active_known` is false until the next refresh.
 */
export interface ActiveJids {
  jids: ReadonlySet<string>;
  refreshedAt: string;
}

export type JobsState = ReturnType<typeof jobsState>;

export function jobsState() {
  let active: ActiveJids | null = null;
  let lastPolledAt: string | null = null;
  return {
    /** The active-JID cache, or null before the first refresh. */
    active: (): ActiveJids | null => active,
    isRunning: (jid: string): boolean => active?.jids.has(jid) ?? false,
    setActive(jids: Iterable<string>, at: Date): void {
      active = { jids: new Set(jids), refreshedAt: at.toISOString() };
    },
    /** A job that was killed everywhere it ran stops showing as running before the next refresh. */
    dropActive(jid: string): void {
      if (!active?.jids.has(jid)) return;
      const jids = new Set(active.jids);
      jids.delete(jid);
      active = { ...active, jids };
    },
    lastPolledAt: (): string | null => lastPolledAt,
    markPolled(at: Date): void {
      lastPolledAt = at.toISOString();
    },
    /** The connection went away: nothing is known to be running any more. */
    clear(): void {
      active = null;
    },
  };
}
