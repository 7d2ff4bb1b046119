import type { StateJobSummary } from '../api/types';

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'success' | 'danger' | 'warning' }) {
  return (
    <div className={`stat${tone && value > 0 ? ` stat-${tone}` : ''}`}>
      <span className="stat-value numeric">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** The job-level roll-up of a state run: how many minions passed, failed or ran no states. */
export function HighstateSummary({ summary }: { summary: StateJobSummary }) {
  return (
    <div className="stats panel" data-testid="highstate-summary" aria-label="State run summary">
      <Stat label="Minions" value={summary.total_minions} />
      <Stat label="All passed" value={summary.minions_all_success} tone="success" />
      <Stat label="With failures" value={summary.minions_with_failures} tone="danger" />
      <Stat label="Failed states" value={summary.total_state_failures} tone="danger" />
      <Stat label="Changed states" value={summary.total_states_with_changes} tone="warning" />
      {summary.minions_non_highstate > 0 ? <Stat label="No state data" value={summary.minions_non_highstate} /> : null}
      {summary.minions_blocked ? <Stat label="No return" value={summary.minions_blocked} tone="warning" /> : null}
    </div>
  );
}
