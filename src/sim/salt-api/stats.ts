import type { JsonObject, JsonValue } from './json.js';
import { CHERRYPY_VERSION } from './errors.js';

// A type alias (not an interface) so a record is assignable to JsonObject as it is.
type RequestRecord = {
  'Bytes Read': number | null;
  'Bytes Written': number | null;
  Client: string;
  'End Time': number | null;
  'Processing Time': number;
  'Request-Line': string;
  'Response Status': string | null;
  'Start Time': number;
};

const THREADS = 100;
const THREAD_BASE = 140_711_370_598_080;
const SLOW_SECONDS = 1;

/** CherryPy's `cpstats` for `GET /stats`: per-thread last request, totals and slow queries. */
export class Stats {
  private readonly start = Date.now() / 1000;
  private readonly byThread = new Map<string, RequestRecord>();
  private readonly slow: RequestRecord[] = [];
  private next = 0;
  private totalRequests = 0;
  private totalRead = 0;
  private totalWritten = 0;
  private totalTime = 0;
  private current = 0;

  constructor(private readonly bindAddress: () => string) {}

  /** Starts tracking a request; the returned function records its end. */
  begin(requestLine: string, client: string, bytesRead: number): (status: string, bytesWritten: number | null) => void {
    const started = Date.now() / 1000;
    const record: RequestRecord = {
      'Bytes Read': null, 'Bytes Written': null, Client: client, 'End Time': null, 'Processing Time': 0,
      'Request-Line': requestLine, 'Response Status': null, 'Start Time': started,
    };
    // CherryPy keys requests by the worker thread's ident; a round-robin pool stands in for threads.
    this.byThread.set(String(THREAD_BASE + (this.next++ % THREADS) * 16_781_312), record);
    this.totalRequests++;
    this.current++;
    return (status, bytesWritten) => {
      const end = Date.now() / 1000;
      Object.assign(record, { 'Bytes Read': bytesRead, 'Bytes Written': bytesWritten, 'End Time': end, 'Processing Time': end - started, 'Response Status': status });
      this.current--;
      this.totalRead += bytesRead;
      this.totalWritten += bytesWritten ?? 0;
      this.totalTime += end - started;
      if (end - started > SLOW_SECONDS) {
        this.slow.push(record);
        if (this.slow.length > 100) this.slow.shift();
      }
    };
  }

  snapshot(): JsonObject {
    const now = Date.now() / 1000;
    const uptime = now - this.start;
    const n = Math.max(this.totalRequests, 1);
    const live = (r: RequestRecord): JsonObject => ({
      ...r, 'Processing Time': r['End Time'] === null ? now - r['Start Time'] : r['Processing Time'],
    });
    const workers: JsonObject = {};
    for (let i = 0; i < THREADS; i++) {
      workers[`CP Server Thread-${i + 2}`] = { Requests: 0, 'Bytes Read': 0, 'Bytes Written': 0, 'Work Time': 0, 'Read Throughput': 0, 'Write Throughput': 0 };
    }
    const requests: JsonObject = {};
    for (const [id, record] of this.byThread) requests[id] = live(record);
    const app: JsonValue = {
      Enabled: true, 'Bytes Read/Request': this.totalRead / n, 'Bytes Read/Second': this.totalRead / uptime,
      'Bytes Written/Request': this.totalWritten / n, 'Bytes Written/Second': this.totalWritten / uptime, 'Current Time': now,
      'Current Requests': this.current, 'Requests/Second': this.totalRequests / uptime, 'Server Version': CHERRYPY_VERSION,
      'Start Time': this.start, 'Total Bytes Read': this.totalRead, 'Total Bytes Written': this.totalWritten,
      'Total Requests': this.totalRequests, 'Total Time': this.totalTime, Uptime: uptime, Requests: requests, 'Slow Queries': this.slow.map(live),
    };
    return {
      'CherryPy Applications': app,
      'Cheroot HTTPServer 140711380871440': {
        Enabled: false, 'Bind Address': this.bindAddress(), 'Run time': -1, Accepts: 0, 'Accepts/sec': 0, Queue: 0, Threads: THREADS,
        'Threads Idle': THREADS - this.current, 'Socket Errors': 0, Requests: -1, 'Bytes Read': -1, 'Bytes Written': -1, 'Work Time': -1,
        'Read Throughput': -1, 'Write Throughput': -1, 'Worker Threads': workers,
      },
    };
  }
}
