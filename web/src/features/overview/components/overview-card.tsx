import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface OverviewCardProps {
  title: string;
  /** A link to the page behind the card ("All jobs"). */
  link?: { to: string; label: string };
  aside?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled card of the Overview grid. */
export function OverviewCard({ title, link, aside, className = '', testId, children }: OverviewCardProps) {
  const titleId = useId();
  return (
    <section className={`panel overview-card ${className}`} aria-labelledby={titleId} data-testid={testId}>
      <header className="overview-card-header">
        <h2 id={titleId}>{title}</h2>
        {aside}
        {link ? (
          <Link to={link.to} className="overview-card-link">
            {link.label}
          </Link>
        ) : null}
      </header>
      {children}
    </section>
  );
}
