import { HttpError } from '../errors.js';
import type { ApiRequest } from '../http.js';
import { isJsonObject } from '../json.js';
import type { Sim } from '../sim.js';
import { requireSession } from './auth-routes.js';
import type { ApiResponse } from './types.js';

/**
 * `POST /_sim/minions/<id>` `{"online": false}`: not part of salt-api. Lets a console running against
 * the simulator in another process take a minion down or bring it back.
 */
export async function postSimMinion(sim: Sim, req: ApiRequest, [id]: string[]): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  const body = Array.isArray(req.lowstate) ? req.lowstate[0] : req.lowstate;
  const minion = id ? sim.fleet.minions.get(id) : undefined;
  if (!minion || !isJsonObject(body) || typeof body.online !== 'boolean') throw new HttpError(400, 'Expected a known minion id and {"online": true|false}');
  sim.lifecycle.setOnline(minion.id, body.online);
  return { session, body: { return: { id: minion.id, online: minion.running, connected: minion.connected } } };
}
