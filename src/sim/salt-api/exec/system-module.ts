import { asString } from '../args.js';
import { isJsonObject, stringList, type JsonObject } from '../json.js';
import { doc, type ExecCall, type ExecModule } from './types.js';

const services = (call: ExecCall): string[] => {
  const base = ['cron', 'rsyslog', 'ssh', String(call.minion.os.chronyService), 'salt-minion', 'systemd-journald'];
  const pkgs = call.minion.packages.map((p) => p.name);
  const extra = ['nginx', 'haproxy', 'postgresql', 'redis-server', 'redis', 'mosquitto', 'docker', 'prometheus-node-exporter'];
  return [...base, ...extra.filter((s) => pkgs.some((p) => p.startsWith(s)))].sort();
};

const serviceName = (call: ExecCall): string => asString(call.args[0] ?? call.kwargs.name);
const serviceAction = (summary: string, fun: string): ExecModule[string] => ({
  durationMs: () => 300,
  run: (call) => ({ return: services(call).includes(serviceName(call)) }),
  doc: doc(fun, summary, '<service name>'),
});

/** A few everyday modules (`service`, `network`, `status`, `disk`) so catalogs and ad-hoc runs look real. */
export const systemModule: ExecModule = {
  'service.status': serviceAction('Returns ``True`` if the service is running.', 'service.status'),
  'service.available': serviceAction('Returns ``True`` if the service is available.', 'service.available'),
  'service.start': serviceAction('Starts the specified service.', 'service.start'),
  'service.stop': serviceAction('Stops the specified service.', 'service.stop'),
  'service.restart': serviceAction('Restarts the named service.', 'service.restart'),
  'service.reload': serviceAction('Reloads the named service.', 'service.reload'),
  'service.get_all': { run: (call) => ({ return: services(call) }), doc: doc('service.get_all', 'Returns all available services.') },
  'service.get_running': { run: (call) => ({ return: services(call) }), doc: doc('service.get_running', 'Returns the running services.') },
  'network.ip_addrs': {
    run: (call) => ({ return: stringList(call.minion.grains.ipv4).filter((ip) => !ip.startsWith('127.')) }),
    doc: doc('network.ip_addrs', 'Returns a list of IPv4 addresses assigned to the host (loopback excluded).'),
  },
  'network.interfaces': {
    run: (call) => {
      const ip4 = isJsonObject(call.minion.grains.ip4_interfaces) ? call.minion.grains.ip4_interfaces : {};
      const hw = isJsonObject(call.minion.grains.hwaddr_interfaces) ? call.minion.grains.hwaddr_interfaces : {};
      const out: JsonObject = {};
      for (const [name, addrs] of Object.entries(ip4)) {
        out[name] = { hwaddr: hw[name] ?? '', up: true, inet: stringList(addrs).map((address) => ({ address, broadcast: '', label: name, netmask: name === 'lo' ? '255.0.0.0' : '255.255.255.0' })) };
      }
      return { return: out };
    },
    doc: doc('network.interfaces', 'Returns a dictionary of information about all the interfaces on the minion.'),
  },
  'status.uptime': {
    run: (call) => {
      const seconds = 86_400 * (3 + (call.minion.nextPid % 90)) + 7_000;
      return { return: { days: Math.floor(seconds / 86_400), seconds, since_iso: new Date(Date.now() - seconds * 1000).toISOString(), since_t: Math.floor(Date.now() / 1000) - seconds, time: '1:56', users: 0 } };
    },
    doc: doc('status.uptime', 'Returns the uptime of the minion.'),
  },
  'status.loadavg': {
    run: (call) => ({ return: { '1-min': Math.round(call.minion.rng.next() * 150) / 100, '5-min': 0.12, '15-min': 0.09 } }),
    doc: doc('status.loadavg', 'Returns the load averages for this minion.'),
  },
  'disk.usage': {
    run: (call) => {
      const disk = stringList(call.minion.grains.disks)[0] ?? 'vda';
      const used = 9_000_000 + (call.minion.nextPid % 20) * 1_000_000;
      return { return: { '/': { filesystem: `/dev/${disk}1`, '1K-blocks': '41152736', used: String(used), available: String(41_152_736 - used), capacity: `${Math.round((used / 41_152_736) * 100)}%` } } };
    },
    doc: doc('disk.usage', 'Returns usage information for volumes mounted on this minion.'),
  },
};
