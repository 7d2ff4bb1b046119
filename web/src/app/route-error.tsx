import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { errorMessage } from '../lib/api-client';

/** Shown when a page fails to load (a lost chunk after a deploy, a loader error). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <div className="route-error" role="alert">
      <h1>This page could not be shown</h1>
      <p>{message}</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
