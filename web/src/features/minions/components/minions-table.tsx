import type { KeyboardEvent } from 'react';
import type { MinionSummary } from '../api/types';
import { MinionStatusBadge } from './minion-status-badge';

const osText = (minion: MinionSummary) => [minion.os, minion.osrelease].filter(Boolean).join(' ') || '—';

/** The minions list; a row opens the minion. */
export function MinionsTable({ minions, onOpen }: { minions: MinionSummary[]; onOpen: (minion: MinionSummary) => void }) {
  const handleKey = (event: KeyboardEvent, minion: MinionSummary) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(minion);
    }
  };
  return (
    <div className="table-wrap">
      <table className="table table-selectable">
        <thead>
          <tr>
            <th scope="col">Minion</th>
            <th scope="col">Status</th>
            <th scope="col">IP</th>
            <th scope="col">OS</th>
            <th scope="col">Family</th>
            <th scope="col">Salt</th>
          </tr>
        </thead>
        <tbody>
          {minions.map((minion) => (
            <tr
              key={minion.id}
              data-testid={`minion-row-${minion.id}`}
              data-status={minion.status}
              tabIndex={0}
              onClick={() => onOpen(minion)}
              onKeyDown={(event) => handleKey(event, minion)}
            >
              <td className="strong">{minion.id}</td>
              <td>
                <MinionStatusBadge status={minion.status} />
              </td>
              <td className="numeric">{minion.ip ?? <span className="muted">—</span>}</td>
              <td>{osText(minion)}</td>
              <td>{minion.os_family ?? <span className="muted">—</span>}</td>
              <td className="numeric">{minion.saltversion ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
