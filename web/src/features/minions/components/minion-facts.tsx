import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format';
import type { MinionDetail } from '../api/types';
import { MinionStatusBadge, StaleBadge } from './minion-status-badge';

const grain = (grains: Record<string, unknown> | null, key: string): string | null => {
  const value = grains?.[key];
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
};

function Card({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kpi-card kpi-card-small">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value-text">{children}</span>
    </div>
  );
}

/** The status cards at the top of a minion: state, address, OS, hardware, Salt, freshness. */
export function MinionFacts({ minion }: { minion: MinionDetail }) {
  const g = minion.grains;
  const os = [grain(g, 'os'), grain(g, 'osrelease')].filter(Boolean).join(' ');
  const cpus = grain(g, 'num_cpus');
  const mem = grain(g, 'mem_total');
  return (
    <div className="kpi-grid" data-testid="minion-facts">
      <Card label="Status">
        <MinionStatusBadge status={minion.status} />
      </Card>
      <Card label="IP address">{minion.ip ?? '—'}</Card>
      <Card label="Operating system">{os || '—'}</Card>
      <Card label="Kernel">{grain(g, 'kernelrelease') ?? grain(g, 'kernel') ?? '—'}</Card>
      <Card label="Hardware">
        {cpus ? `${cpus} CPU` : '—'}
        {mem ? ` · ${Math.round(Number(mem) / 1024)} GB` : ''}
      </Card>
      <Card label="Salt version">{grain(g, 'saltversion') ?? '—'}</Card>
      <Card label="Refreshed">
        {formatDateTime(minion.last_refreshed_at)} {minion.is_stale ? <StaleBadge since={minion.last_refreshed_at} /> : null}
      </Card>
    </div>
  );
}
