import { asString } from '../args.js';
import type { JsonObject } from '../json.js';
import { doc, type ExecCall, type ExecModule, type RunningJob } from './types.js';

/** The proc-file view of a running job, in the key order a live minion reports it. */
export function jobData(job: RunningJob): JsonObject {
  return { pid: job.pid, fun: job.fun, arg: job.arg, tgt: job.tgt, jid: job.jid, ret: '', tgt_type: job.tgtType, user: job.user };
}

/** `saltutil.signal_job`: the message wording and the empty string for "not running here" are Salt's. */
function signalJob(call: ExecCall, sig: number): string {
  const jid = asString(call.args[0] ?? call.kwargs.jid);
  const job = call.procs.signal(call.minion.id, jid, sig);
  return job ? `Signal ${sig} sent to job ${jid} at pid ${job.pid}` : '';
}

const others = (call: ExecCall): RunningJob[] =>
  call.procs.running(call.minion.id).filter((j) => j.jid !== call.jid);

export const saltutilModule: ExecModule = {
  'saltutil.running': {
    run: (call) => ({ return: others(call).map(jobData) }),
    doc: doc('saltutil.running', 'Returns the data on all running salt processes on the minion.'),
  },
  'saltutil.find_job': {
    run: (call) => {
      const jid = asString(call.args[0] ?? call.kwargs.jid);
      const job = others(call).find((j) => j.jid === jid);
      return { return: job ? jobData(job) : {} };
    },
    doc: doc('saltutil.find_job', 'Returns the data for a specific job id that is currently running.', '<job id>'),
  },
  'saltutil.kill_job': {
    run: (call) => ({ return: signalJob(call, 9) }),
    doc: doc('saltutil.kill_job', 'Sends a kill signal (SIGKILL 9) to the named salt job\'s process.', '<job id>'),
  },
  'saltutil.term_job': {
    run: (call) => ({ return: signalJob(call, 15) }),
    doc: doc('saltutil.term_job', 'Sends a termination signal (SIGTERM 15) to the named salt job\'s process.', '<job id>'),
  },
  'saltutil.signal_job': {
    run: (call) => ({ return: signalJob(call, Number(call.args[1] ?? call.kwargs.sig ?? 15)) }),
    doc: doc('saltutil.signal_job', 'Sends a signal to the named salt job\'s process.', '<job id> 15'),
  },
  'saltutil.is_running': {
    run: (call) => ({ return: others(call).filter((j) => j.fun === asString(call.args[0])).map(jobData) }),
    doc: doc('saltutil.is_running', 'Returns the data for the jobs running the named function.', 'state.highstate'),
  },
  'saltutil.refresh_pillar': { run: () => ({ return: true }), doc: doc('saltutil.refresh_pillar', 'Signals the minion to refresh its pillar data.') },
  'saltutil.refresh_grains': { run: () => ({ return: true }), doc: doc('saltutil.refresh_grains', 'Refreshes the minion\'s grains.') },
  'saltutil.sync_all': {
    durationMs: () => 800,
    run: () => ({ return: { clouds: [], beacons: [], modules: [], states: [], sdb: [], grains: [], renderers: [], returners: [], output: [], utils: [], log_handlers: [], executors: [], proxymodules: [], engines: [], thorium: [], serializers: [], matchers: [], pillar: [], wrapper: [] } }),
    doc: doc('saltutil.sync_all', 'Syncs every custom module type from the fileserver to the minion.'),
  },
};
