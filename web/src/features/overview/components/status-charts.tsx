import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Slice {
  name: string;
  value: number;
  /** A CSS colour, usually a theme variable. */
  color: string;
}

const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  color: 'var(--text)',
  fontSize: 12,
};

function Legend({ slices }: { slices: Slice[] }) {
  return (
    <ul className="chart-legend">
      {slices.map((slice) => (
        <li key={slice.name}>
          <span className="chart-swatch" style={{ background: slice.color }} aria-hidden="true" />
          {slice.name} <span className="numeric strong">{slice.value}</span>
        </li>
      ))}
    </ul>
  );
}

/** A donut of counts with the total in the middle and a legend beside it. */
export function Donut({ slices, label, testId }: { slices: Slice[]; label: string; testId: string }) {
  const total = slices.reduce((sum, slice) => sum + slice.value, 0);
  const shown = slices.filter((slice) => slice.value > 0);
  return (
    <div className="chart chart-donut" data-testid={testId} role="img" aria-label={`${label}: ${slices.map((s) => `${s.value} ${s.name}`).join(', ')}`}>
      <div className="donut">
        <ResponsiveContainer width="100%" height={160}>
          <PieChart>
            <Pie
              data={shown.length > 0 ? shown : [{ name: 'none', value: 1, color: 'var(--border)' }]}
              dataKey="value"
              nameKey="name"
              innerRadius={48}
              outerRadius={70}
              paddingAngle={shown.length > 1 ? 2 : 0}
              stroke="var(--surface)"
              isAnimationActive={false}
            >
              {(shown.length > 0 ? shown : [{ name: 'none', color: 'var(--border)' }]).map((slice) => (
                <Cell key={slice.name} fill={slice.color} />
              ))}
            </Pie>
            {shown.length > 0 ? <Tooltip contentStyle={TOOLTIP_STYLE} itemStyle={{ color: 'var(--text)' }} /> : null}
          </PieChart>
        </ResponsiveContainer>
        <span className="donut-total">
          <span className="numeric">{total}</span>
          <span className="muted">{label}</span>
        </span>
      </div>
      <Legend slices={slices} />
    </div>
  );
}

/** Horizontal bars of counts, one per category. */
export function CountBars({ slices, label, testId }: { slices: Slice[]; label: string; testId: string }) {
  return (
    <div className="chart" data-testid={testId} role="img" aria-label={`${label}: ${slices.map((s) => `${s.value} ${s.name}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={slices} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <XAxis type="number" allowDecimals={false} hide />
          <YAxis type="category" dataKey="name" width={72} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} tickLine={false} axisLine={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} itemStyle={{ color: 'var(--text)' }} cursor={{ fill: 'var(--surface-2)' }} />
          <Bar dataKey="value" name="keys" radius={[0, 4, 4, 0]} isAnimationActive={false} label={{ position: 'right', fill: 'var(--text)', fontSize: 12 }}>
            {slices.map((slice) => (
              <Cell key={slice.name} fill={slice.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
