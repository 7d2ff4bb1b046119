import { Link } from 'react-router-dom';
import { ThemeToggle } from '../theme-toggle';

interface HeaderProps {
  userName: string;
  signingOut: boolean;
  onSignOut: () => void;
}

/** The top bar: brand, theme toggle, the signed-in user and Sign out. */
export function Header({ userName, signingOut, onSignOut }: HeaderProps) {
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Fleetdeck
      </Link>
      <div className="header-actions">
        <ThemeToggle />
        <span className="header-user" data-testid="current-user">
          {userName}
        </span>
        <Link to="/change-password" className="button button-ghost button-small">
          Change password
        </Link>
        <button type="button" className="button button-small" onClick={onSignOut} disabled={signingOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
