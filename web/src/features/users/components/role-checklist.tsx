import { useId } from 'react';
import type { RoleOption } from '../api/types';

interface RoleChecklistProps {
  roles: RoleOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
}

/** A multi-select of roles as labelled checkboxes (`getByLabel('operator', { exact: true })`). */
export function RoleChecklist({ roles, selected, onChange }: RoleChecklistProps) {
  const baseId = useId();

  const handleToggle = (roleId: string, checked: boolean) => {
    onChange(checked ? [...selected, roleId] : selected.filter((id) => id !== roleId));
  };

  return (
    <fieldset className="field checklist">
      <legend>Roles</legend>
      {roles.length === 0 ? <p className="field-hint">No roles available.</p> : null}
      {roles.map((role) => (
        <div key={role.id} className="field-checkbox">
          <input
            id={`${baseId}-${role.id}`}
            type="checkbox"
            checked={selected.includes(role.id)}
            onChange={(event) => handleToggle(role.id, event.target.checked)}
          />
          <label htmlFor={`${baseId}-${role.id}`}>{role.name}</label>
        </div>
      ))}
    </fieldset>
  );
}
