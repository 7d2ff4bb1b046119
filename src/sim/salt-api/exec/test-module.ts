import { createHash } from 'node:crypto';
import { asString } from '../args.js';
import { type JsonValue } from '../json.js';
import { doc, MinionException, type ExecCall, type ExecModule } from './types.js';

function seconds(value: JsonValue | undefined): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new MinionException('ValueError', `could not convert string to float: '${asString(value)}'`);
  return Math.max(0, n);
}

const arg = (call: ExecCall, index: number, name: string): JsonValue | undefined => call.args[index] ?? call.kwargs[name];

function fib(n: number): number[] {
  const out: number[] = [];
  for (let a = 0, b = 1; a < n; [a, b] = [b, a + b]) out.push(a);
  return out;
}

/** The `test` execution module; every function the capture lists exists, the common ones behave. */
export const testModule: ExecModule = {
  'test.ping': { run: () => ({ return: true }), doc: doc('test.ping', 'Checks that the minion is up and answering. This is not an ICMP ping.\n\n    Returns ``True``.') },
  'test.sleep': {
    durationMs: (call) => seconds(arg(call, 0, 'length') ?? 0) * 1000,
    run: (call) => {
      seconds(arg(call, 0, 'length') ?? 0);
      return { return: true };
    },
    doc: doc('test.sleep', 'Sleeps for the given number of seconds, then returns ``True``.', '20'),
  },
  'test.rand_sleep': {
    durationMs: (call) => call.minion.rng.next() * seconds(arg(call, 0, 'max') ?? 60) * 1000,
    run: () => ({ return: true }),
    doc: doc('test.rand_sleep', 'Sleeps a random number of seconds up to ``max``.', 'max=60'),
  },
  'test.version': { run: (call) => ({ return: asString(call.minion.grains.saltversion) }), doc: doc('test.version', 'Returns the version of Salt installed on the minion.') },
  'test.versions': { run: (call) => ({ return: versionsReport(call) }), doc: doc('test.versions', 'Returns versions of Salt and its dependencies.') },
  'test.versions_report': { run: (call) => ({ return: versionsReport(call) }), doc: doc('test.versions_report', 'Returns versions of Salt and its dependencies.') },
  'test.echo': { run: (call) => ({ return: asString(arg(call, 0, 'text')) }), doc: doc('test.echo', 'Returns the string it was given.', "'foo bar baz'") },
  'test.true': { run: () => ({ return: true }), doc: doc('test.true', 'Always returns ``True``.') },
  'test.false': { run: () => ({ return: false }), doc: doc('test.false', 'Always returns ``False``.') },
  'test.retcode': {
    run: (call) => ({ return: true, retcode: Number(arg(call, 0, 'code') ?? 42) }),
    doc: doc('test.retcode', 'Returns ``True`` with the given retcode, for testing retcode handling.', '42'),
  },
  'test.arg': { run: (call) => ({ return: { args: call.args, kwargs: call.kwargs } }), doc: doc('test.arg', 'Echoes back the positional and keyword arguments it was passed.', "1 'two' three=3") },
  'test.kwarg': { run: (call) => ({ return: call.kwargs }), doc: doc('test.kwarg', 'Echoes back the keyword arguments it was passed.', 'one=1 two=2') },
  'test.exception': {
    run: (call) => { throw new MinionException('Exception', asString(arg(call, 0, 'message') ?? 'Test exception')); },
    doc: doc('test.exception', 'Raises an exception with the given message.', "'Oh noes!'"),
  },
  'test.fib': {
    run: (call) => ({ return: [fib(Number(arg(call, 0, 'num') ?? 10)), 0.000007152557373046875] }),
    doc: doc('test.fib', 'Returns the Fibonacci numbers below ``num`` and the time it took.', '3'),
  },
  'test.random_hash': {
    run: (call) => ({ return: createHash('sha256').update(`${call.jid}${call.minion.id}`).digest('hex') }),
    doc: doc('test.random_hash', 'Returns a hash of a random number.'),
  },
  'test.rand_str': {
    run: (call) => ({ return: createHash('sha256').update(`${call.minion.id}${call.jid}`).digest('hex') }),
    doc: doc('test.rand_str', 'Returns a random string (deprecated alias of ``random_hash``).'),
  },
};

function versionsReport(call: ExecCall): string[] {
  const py = call.minion.grains.pythonversion;
  const pyText = Array.isArray(py) ? py.slice(0, 3).join('.') : '3.10.16';
  return ['Salt Version:', `          Salt: ${asString(call.minion.grains.saltversion)}`, '', 'Python Version:',
    `        Python: ${pyText} (main, Feb 10 2025, 08:01:42) [GCC 11.2.0]`, '', 'Dependency Versions:',
    '          cffi: 1.16.0', '      pycrypto: Not Installed', '  pycryptodome: 3.19.1', '        PyYAML: 6.0.1', '         PyZMQ: 25.1.2',
    '        Tornado: 6.4.2', '           ZMQ: 4.3.4', '', 'System Versions:',
    `          dist: ${asString(call.minion.grains.os).toLowerCase()} ${asString(call.minion.grains.osrelease)} ${asString(call.minion.grains.oscodename)}`,
    `        kernel: ${asString(call.minion.grains.kernelrelease)}`, '        system: Linux'];
}

/** Functions the live minion lists in `sys.list_functions test` that the simulator answers generically. */
const OTHERS = ['arg_clean', 'arg_repr', 'arg_type', 'assertion', 'attr_call', 'collatz', 'conf_test', 'cross_test',
  'deprecation_warning', 'get_opts', 'module_report', 'not_loaded', 'opts_pkg', 'outputter', 'provider', 'providers',
  'raise_exception', 'stack', 'try', 'tty', 'versions_information'];
for (const name of OTHERS) {
  testModule[`test.${name}`] = { run: () => ({ return: true }), doc: doc(`test.${name}`, `Test helper \`\`${name}\`\`.`) };
}
