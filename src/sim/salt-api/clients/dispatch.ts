import { HttpError, UnexpectedError } from '../errors.js';
import { isJsonObject, type JsonValue } from '../json.js';
import type { Caller, Sim } from '../sim.js';
import { local, localAsync, localBatch, localSubset } from './local.js';
import { runner, runnerAsync } from './runner.js';
import { wheel, wheelAsync } from './wheel.js';

/** What salt-api knows (and lists on `GET /`), in its order. */
export const CLIENTS = ['local', 'local_async', 'local_batch', 'local_subset', 'runner', 'runner_async', 'ssh', 'wheel', 'wheel_async'];
/** `netapi_enable_clients` of the simulated master: everything but salt-ssh. */
const ENABLED = new Set(CLIENTS.filter((c) => c !== 'ssh'));

/** Python's repr of a client value, as the "Invalid client" message shows it. */
const repr = (value: JsonValue | undefined): string =>
  value === undefined || value === null ? 'None' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Runs one lowstate chunk as `NetapiClient.run` does and returns the elements it adds to `return`
 * (one, except `local_batch`, which adds one per minion).
 */
export async function runChunk(sim: Sim, chunk: JsonValue, caller: Caller): Promise<JsonValue[]> {
  if (!isJsonObject(chunk)) throw new UnexpectedError('lowstate chunk is not a mapping');
  const client = typeof chunk.client === 'string' ? chunk.client : undefined;
  if (!client || !CLIENTS.includes(client)) throw new HttpError(400, `Invalid client specified: '${repr(chunk.client)}'`);
  if (!ENABLED.has(client)) {
    throw new HttpError(400, `Client disabled: '${client}'. Add to 'netapi_enable_clients' master config option to enable.`);
  }
  if (caller.authFailure) {
    // The master refuses the token or credentials; publish and runner/wheel word it differently.
    const message = client.startsWith('local') ? 'Authentication error occurred.'
      : caller.authFailure === 'token' ? 'Authentication failure of type "token" occurred.'
        : `Authentication failure of type "eauth" occurred for user ${caller.user}.`;
    throw new HttpError(401, message);
  }
  switch (client) {
    case 'local': return [await local(sim, chunk, caller)];
    case 'local_async': return [localAsync(sim, chunk, caller)];
    case 'local_batch': return localBatch(sim, chunk, caller);
    case 'local_subset': return [await localSubset(sim, chunk, caller)];
    case 'runner': return [runner(sim, chunk, caller)];
    case 'runner_async': return [runnerAsync(sim, chunk, caller)];
    case 'wheel': return [wheel(sim, chunk, caller)];
    default: return [wheelAsync(sim, chunk, caller)];
  }
}
