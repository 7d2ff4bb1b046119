import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '../../../lib/format';
import type { ComplianceBucket } from '../api/types';

const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  color: 'var(--text)',
  fontSize: 12,
};

/** One small stacked bar per state run (passed, changed, failed), oldest left. */
export function ComplianceSparkline({ buckets }: { buckets: ComplianceBucket[] }) {
  const points = buckets.map((bucket) => ({
    at: formatDateTime(bucket.completed_at),
    // Changed states passed too; draw them apart so drift stands out.
    passed: Math.max(0, bucket.pass_count - bucket.change_count),
    changed: bucket.change_count,
    failed: bucket.fail_count,
  }));
  const last = buckets.at(-1);
  return (
    <div className="sparkline" data-testid="compliance-sparkline">
      <div className="sparkline-chart">
        <ResponsiveContainer width="100%" height={64}>
          <BarChart data={points} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={2} maxBarSize={28}>
            <XAxis dataKey="at" hide />
            <YAxis hide allowDecimals={false} domain={[0, 'dataMax']} />
            <Tooltip contentStyle={TOOLTIP_STYLE} itemStyle={{ color: 'var(--text)' }} cursor={{ fill: 'var(--surface-2)' }} />
            <Bar dataKey="passed" stackId="run" fill="var(--success)" isAnimationActive={false} />
            <Bar dataKey="changed" stackId="run" fill="var(--warning)" isAnimationActive={false} />
            <Bar dataKey="failed" stackId="run" fill="var(--danger)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {last ? (
        <p className="muted sparkline-caption">
          Last run {formatDateTime(last.completed_at)}: {last.pass_count}/{last.total_count} passed, {last.fail_count} failed,{' '}
          {last.change_count} changed
        </p>
      ) : null}
    </div>
  );
}
