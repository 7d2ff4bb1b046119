/** The Salt-API client and the pure parsers for what it returns; see client.ts for the entry point. */
export { createSaltClient, type SaltClient } from './client.js';
export type { ListJobsQuery } from './job-calls.js';
export type {
  AsyncRunResult, CallOptions, KillJobResult, LocalAsyncResult, LocalParams, SaltClientOptions, SaltConnection, SaltLogger, SaltTarget, TargetType,
} from './types.js';
export { decodeSaltEvents } from './sse.js';
export { extractErrorMessage } from './errors.js';
export { dateToJid, formatStartTime, isValidJid, jidToDate, parseStartTime } from './parse/jid.js';
export { type ActiveJob, type JobDetail, type JobRow, type MinionResult, parseActiveJobs, parseJobDetail, parseJobList, splitArguments } from './parse/jobs.js';
export { hasChanges, isHighstateShaped, parseStateReturn, type StateOutcome, type StateRow, type StateSummary, summarizeStates } from './parse/highstate.js';
export { type MinionStateReport, parseStateJob, type StateJobSummary, unwrapLookupJid, unwrapMinionReturn } from './parse/highstate-job.js';
export { type KeyEntry, type KeyStatus, parseKeyBuckets } from './parse/keys.js';
export { isUsableIpv4, isVirtualInterface, pickPrimaryIp } from './parse/ip.js';
export {
  type JobNewEvent, type JobRetEvent, type KeyEvent, type MinionStartEvent, normalizeEvent, parseStamp, type PresenceChangeEvent,
  type PresenceEvent, type RawSaltEvent, type SaltEvent, type SaltEventOf, type SaltEventType,
} from './parse/events.js';
