import { Link } from 'react-router-dom';

/** Above the Salt pages while the connection is missing: who can set it up, and where. */
export function SaltSetupNotice({ canSetUp }: { canSetUp: boolean }) {
  return (
    <div className="alert alert-warning page-notice" role="status" data-testid="salt-setup-notice">
      {canSetUp ? (
        <>
          <span>The Salt connection is not set up yet.</span>
          <Link to="/setup" className="button button-small">
            Set it up
          </Link>
        </>
      ) : (
        <span>The Salt connection is not set up yet. Ask an administrator.</span>
      )}
    </div>
  );
}
