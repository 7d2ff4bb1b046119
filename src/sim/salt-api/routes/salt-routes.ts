import { asString } from '../args.js';
import { CLIENTS, runChunk } from '../clients/dispatch.js';
import { HttpError } from '../errors.js';
import type { ApiRequest } from '../http.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { Caller, Sim } from '../sim.js';
import { tarArchive } from '../tar.js';
import { chunkCaller, requireSession, sessionCaller } from './auth-routes.js';
import type { ApiResponse } from './types.js';

/** `exec_lowstate`: runs each chunk in order; every chunk's results are appended to `return`. */
async function execLowstate(sim: Sim, lowstate: JsonValue | undefined, callerFor: (chunk: JsonValue) => Caller, client?: string): Promise<JsonValue[]> {
  if (!Array.isArray(lowstate)) throw new HttpError(400, 'Lowstates must be a list');
  const out: JsonValue[] = [];
  for (const raw of lowstate) {
    const chunk = isJsonObject(raw) && client ? { ...raw, client } : raw;
    if (isJsonObject(chunk) && chunk.arg !== undefined && !Array.isArray(chunk.arg)) chunk.arg = [chunk.arg];
    out.push(...(await runChunk(sim, chunk, callerFor(chunk))));
  }
  return out;
}

/** Runs salt-api's own lowstate for a convenience URL, as the session's user. */
async function asSession(sim: Sim, req: ApiRequest, lowstate: JsonObject[]): Promise<{ results: JsonValue[]; response: Partial<ApiResponse> }> {
  const session = requireSession(sim, req);
  const caller = sessionCaller(sim, session);
  return { results: await execLowstate(sim, lowstate, () => caller), response: { session } };
}

export async function getRoot(): Promise<ApiResponse> {
  return { body: { return: 'Welcome', clients: CLIENTS } };
}

export async function postRoot(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  const caller = sessionCaller(sim, session);
  return { session, body: { return: await execLowstate(sim, req.lowstate, () => caller) } };
}

export async function postRun(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  return { body: { return: await execLowstate(sim, req.lowstate, (chunk) => chunkCaller(sim, chunk)) } };
}

/** `GET /minions[/mid]`: `grains.items` through the local client (the mid is a glob). */
export async function getMinions(sim: Sim, req: ApiRequest, [mid]: string[]): Promise<ApiResponse> {
  const { results, response } = await asSession(sim, req, [{ client: 'local', tgt: mid || '*', fun: 'grains.items' }]);
  return { ...response, body: { return: results } };
}

/** `POST /minions`: forced `local_async`, answered with 202 and a link per job. */
export async function postMinions(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  const caller = sessionCaller(sim, session);
  const jobs = await execLowstate(sim, req.lowstate, () => caller, 'local_async');
  const links = jobs.filter((j): j is JsonObject => isJsonObject(j) && typeof j.jid === 'string').map((j) => ({ href: `/jobs/${asString(j.jid)}` }));
  return { status: 202, session, body: { return: jobs, _links: { jobs: links } } };
}

/** `GET /jobs[/jid]`: runner `jobs.list_jobs`, or `jobs.list_job` split into `info` and `return`. */
export async function getJobs(sim: Sim, req: ApiRequest, [jid]: string[]): Promise<ApiResponse> {
  const lowstate: JsonObject[] = [jid ? { client: 'runner', fun: 'jobs.list_job', jid } : { client: 'runner', fun: 'jobs.list_jobs' }];
  const { results, response } = await asSession(sim, req, lowstate);
  const first = results[0] ?? {};
  if (!jid) return { ...response, body: { return: [first] } };
  const result = isJsonObject(first) && isJsonObject(first.Result) ? first.Result : {};
  const minionRet: JsonObject = {};
  for (const [id, entry] of Object.entries(result)) minionRet[id] = isJsonObject(entry) ? (entry.return ?? null) : null;
  return { ...response, body: { info: [first], return: [minionRet] } };
}

/** `GET /keys[/mid]`: wheel `key.list_all` or `key.finger`, unwrapped (no list around `return`). */
export async function getKeys(sim: Sim, req: ApiRequest, [mid]: string[]): Promise<ApiResponse> {
  const lowstate: JsonObject[] = [mid ? { client: 'wheel', fun: 'key.finger', match: mid } : { client: 'wheel', fun: 'key.list_all' }];
  const { results, response } = await asSession(sim, req, lowstate);
  const first = results[0];
  const data = isJsonObject(first) && isJsonObject(first.data) ? first.data : {};
  return { ...response, body: { return: data.return ?? {} } };
}

/** `POST /keys`: `key.gen_accept` with credentials in the body; the answer is a tarball. */
export async function postKeys(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const low = Array.isArray(req.lowstate) && isJsonObject(req.lowstate[0]) ? { ...req.lowstate[0] } : {};
  const mid = asString(low.mid ?? low.id_);
  const chunk: JsonObject = { ...low, client: 'wheel', fun: 'key.gen_accept', id_: mid };
  delete chunk.mid;
  const [envelope] = await execLowstate(sim, [chunk], (c) => chunkCaller(sim, c));
  const data = isJsonObject(envelope) && isJsonObject(envelope.data) && isJsonObject(envelope.data.return) ? envelope.data.return : {};
  const archive = tarArchive([{ name: 'minion.pub', content: asString(data.pub) }, { name: 'minion.pem', content: asString(data.priv) }]);
  return {
    raw: { data: archive, contentType: 'application/x-tar' },
    headers: { 'Content-Disposition': `attachment; filename="saltkeys-${mid}.tar"`, 'Cache-Control': 'no-cache' },
  };
}

export async function getStats(sim: Sim, req: ApiRequest): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  return { session, body: sim.stats.snapshot() };
}

const titleCase = (name: string): string => name.split('-').map((p) => (p ? p[0]?.toUpperCase() + p.slice(1) : p)).join('-');

/** `POST /hook/<path>`: fires `salt/netapi/hook/<path>` with the raw body, parsed body and headers. */
export async function postHook(sim: Sim, req: ApiRequest, [path]: string[]): Promise<ApiResponse> {
  const session = requireSession(sim, req);
  const headers: JsonObject = { 'Remote-Addr': '127.0.0.1' };
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[titleCase(name)] = Array.isArray(value) ? value.join(', ') : value;
  const tag = ['salt', 'netapi', 'hook', ...(path ? path.split('/').filter(Boolean) : [])].join('/');
  sim.bus.fire(tag, { body: req.rawBody, post: req.data ?? {}, headers });
  return { session, body: { success: true } };
}
