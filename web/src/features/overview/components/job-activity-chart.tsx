import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface HourBucket {
  hour_start: string;
  count: number;
}

const hourLabel = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${String(date.getHours()).padStart(2, '0')}:00`;
};

const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  color: 'var(--text)',
  fontSize: 12,
};

/** Jobs started per hour over the window, the current hour last. */
export function JobActivityChart({ buckets }: { buckets: HourBucket[] }) {
  const data = buckets.map((bucket) => ({ hour: hourLabel(bucket.hour_start), jobs: bucket.count }));
  return (
    <div className="chart" data-testid="job-activity-chart" role="img" aria-label={`Jobs per hour over the last ${buckets.length} hours`}>
      <ResponsiveContainer width="100%" height={200}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <defs>
            <linearGradient id="job-activity-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.45} />
              <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.03} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tick={{ fill: 'var(--text-muted)', fontSize: 11 }} tickLine={false} axisLine={{ stroke: 'var(--border)' }} interval={3} />
          <YAxis allowDecimals={false} domain={[0, 'auto']} tick={{ fill: 'var(--text-muted)', fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelStyle={{ color: 'var(--text-muted)' }} cursor={{ stroke: 'var(--border-strong)' }} />
          <Area type="monotone" dataKey="jobs" stroke="var(--accent)" strokeWidth={2} fill="url(#job-activity-fill)" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
