import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface KpiCardProps {
  label: string;
  /** The figure; null while loading or when it cannot be known. */
  value: ReactNode | null;
  hint?: ReactNode;
  tone?: 'accent' | 'warning' | 'danger' | 'success';
  to: string;
  testId: string;
}

/** One headline figure, linking to the page that explains it. */
export function KpiCard({ label, value, hint, tone, to, testId }: KpiCardProps) {
  return (
    <Link to={to} className={`kpi-card${tone ? ` kpi-${tone}` : ''}`} data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value numeric">{value ?? '—'}</span>
      {hint ? <span className="kpi-hint">{hint}</span> : null}
    </Link>
  );
}
