// "Skip for now" on the setup wizard lasts for this tab only, as the wizard should come back
// in a new session until the connection is set up.
const STORAGE_KEY = 'fleetdeck.setup.skipped';

/** True when the setup wizard was skipped in this tab. */
export function isSetupSkipped(): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage disabled: the wizard shows again
  }
}

/** Stops the redirect to the setup wizard for this tab. */
export function skipSetup(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, '1');
  } catch {
    // storage disabled: nothing to remember the choice in
  }
}
