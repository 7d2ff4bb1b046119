import { Badge, type BadgeTone } from '../../../components/badge';
import type { KeyAction, KeyEntry, KeyStatus } from '../api/types';

const GROUPS: { status: KeyStatus; title: string; tone: BadgeTone; hint: string }[] = [
  { status: 'pending', title: 'Pending', tone: 'warning', hint: 'Waiting for a decision.' },
  { status: 'accepted', title: 'Accepted', tone: 'success', hint: 'Minions that may talk to the master.' },
  { status: 'rejected', title: 'Rejected', tone: 'danger', hint: 'Refused by an operator.' },
  { status: 'denied', title: 'Denied', tone: 'danger', hint: 'A second key for an id that already has one.' },
];

// Which actions make sense per state (Salt's accept takes rejected and denied keys too).
const ACTIONS: Record<KeyStatus, KeyAction[]> = {
  pending: ['accept', 'reject', 'delete'],
  accepted: ['reject', 'delete'],
  rejected: ['accept', 'delete'],
  denied: ['accept', 'delete'],
};

const LABELS: Record<KeyAction, string> = { accept: 'Accept', reject: 'Reject', delete: 'Delete' };

interface KeyGroupsProps {
  keys: KeyEntry[];
  /** The actions the user may take; others are not shown. */
  allowed: Record<KeyAction, boolean>;
  onAction: (entry: KeyEntry, action: KeyAction) => void;
}

/** The keys grouped by state, pending first; empty groups say so. */
export function KeyGroups({ keys, allowed, onAction }: KeyGroupsProps) {
  return (
    <div className="key-groups">
      {GROUPS.map((group) => {
        const entries = keys.filter((entry) => entry.status === group.status);
        const actions = ACTIONS[group.status].filter((action) => allowed[action]);
        return (
          <section key={group.status} className="panel key-group" aria-label={`${group.title} keys`} data-testid={`key-group-${group.status}`}>
            <header className="key-group-header">
              <h2>
                {group.title} <Badge tone={entries.length > 0 ? group.tone : 'neutral'}>{entries.length}</Badge>
              </h2>
              <p className="muted">{group.hint}</p>
            </header>
            {entries.length === 0 ? (
              <p className="muted key-group-empty">None.</p>
            ) : (
              <ul className="item-list">
                {entries.map((entry) => (
                  <li key={entry.id} data-testid={`key-row-${entry.id}`} data-status={entry.status}>
                    <span className="strong">{entry.id}</span>
                    {actions.length > 0 ? (
                      <span className="row-actions">
                        {actions.map((action) => (
                          <button
                            key={action}
                            type="button"
                            className={`button button-small${action === 'accept' ? ' button-primary' : action === 'delete' ? ' button-danger-ghost' : ''}`}
                            onClick={() => onAction(entry, action)}
                          >
                            {LABELS[action]}
                          </button>
                        ))}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
