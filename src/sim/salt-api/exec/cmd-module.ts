import { asString } from '../args.js';
import { runCommand } from './commands.js';
import { doc, type ExecCall, type ExecModule } from './types.js';

const command = (call: ExecCall): string => asString(call.args[0] ?? call.kwargs.cmd);
const result = (call: ExecCall) => runCommand(command(call), call.minion, call.jobDurationMs);
const combined = (stdout: string, stderr: string): string => [stdout, stderr].filter(Boolean).join('\n');

/** `cmd.*`: the command's exit code becomes the job's retcode, as `__context__["retcode"]` does on a minion. */
export const cmdModule: ExecModule = {
  'cmd.run': {
    durationMs: (call) => result(call).durationMs,
    run: (call) => {
      const r = result(call);
      return { return: combined(r.stdout, r.stderr), retcode: r.retcode };
    },
    doc: doc('cmd.run', 'Executes the passed command and returns its output (stdout and stderr combined) as a string.', '"ls -l | awk \'/foo/{print \\$2}\'"'),
  },
  'cmd.shell': {
    durationMs: (call) => result(call).durationMs,
    run: (call) => {
      const r = result(call);
      return { return: combined(r.stdout, r.stderr), retcode: r.retcode };
    },
    doc: doc('cmd.shell', 'Executes the passed command in a shell and returns its output as a string.', '"ls -l | awk \'/foo/{print \\$2}\'"'),
  },
  'cmd.run_stdout': {
    durationMs: (call) => result(call).durationMs,
    run: (call) => {
      const r = result(call);
      return { return: r.stdout, retcode: r.retcode };
    },
    doc: doc('cmd.run_stdout', 'Executes a command and returns only its standard output.', '"ls -l"'),
  },
  'cmd.run_all': {
    durationMs: (call) => result(call).durationMs,
    run: (call) => {
      const r = result(call);
      const pid = call.minion.nextPid++;
      return { return: { pid, retcode: r.retcode, stdout: r.stdout, stderr: r.stderr }, retcode: r.retcode };
    },
    doc: doc('cmd.run_all', 'Executes a command and returns a dict with its pid, retcode, stdout and stderr.', '"ls -l"'),
  },
  'cmd.retcode': {
    durationMs: (call) => result(call).durationMs,
    run: (call) => ({ return: result(call).retcode }),
    doc: doc('cmd.retcode', 'Executes a command and returns only its exit code.', '"file /bin/bash"'),
  },
};
