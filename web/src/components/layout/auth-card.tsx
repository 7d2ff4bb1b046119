import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ThemeToggle } from '../theme-toggle';

/** The centred card of the signed-out pages (sign-in, forced password change). */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <main className="auth-page">
      <div className="auth-theme">
        <ThemeToggle />
      </div>
      <div className="auth-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Fleetdeck
        </div>
        <h1>{title}</h1>
        {description ? <p className="muted">{description}</p> : null}
        {children}
      </div>
    </main>
  );
}
