import { asString } from './args.js';
import type { Minion } from './fleet.js';
import type { JsonValue } from './json.js';

/** How a simulated state behaves; the state runner turns it into a return entry. */
export type StateKind = 'pkg' | 'file' | 'dir' | 'cmd' | 'noop' | 'service' | 'user' | 'fail' | 'requisite';

export interface StateDef {
  module: string;
  id: string;
  name: string;
  fun: string;
  kind: StateKind;
  sls: string;
  /** The state id this one requires; it fails with "One or more requisite failed" when that one failed. */
  requires?: string;
  /** Service states on `broken` minions fail to start. */
  breaksOnBrokenMinion?: boolean;
  /** Package version shown in `pkg` changes. */
  version?: string;
}

const ROLE_SLS: Record<string, string> = {
  webserver: 'nginx', app: 'app', database: 'postgresql', cache: 'redis', loadbalancer: 'haproxy',
  monitoring: 'monitoring', build: 'docker', 'plc-gateway': 'edge',
};

/** The top file: every minion gets `base`, plus its role's SLS. */
export function topFor(minion: Minion): string[] {
  const role = ROLE_SLS[minion.role];
  return role ? ['base', role] : ['base'];
}

/** SLS names that exist but fail to render, with the message the minion reports. */
export const RENDER_ERRORS: Record<string, string> = {
  typo: "Rendering SLS 'base:typo' failed: Jinja variable 'dict object' has no attribute 'port'",
};

function pkgVersion(minion: Minion, name: string): string {
  return minion.packages.find((p) => p.name === name)?.version.split(',').at(-1) ?? '1.0.0-1';
}

function serviceSls(minion: Minion, sls: string, pkg: string, service: string, config: string): StateDef[] {
  return [
    { module: 'pkg', id: `${sls}_pkg`, name: pkg, fun: 'installed', kind: 'pkg', sls, version: pkgVersion(minion, pkg) },
    { module: 'file', id: `${sls}_config`, name: config, fun: 'managed', kind: 'file', sls, requires: `${sls}_pkg` },
    { module: 'service', id: `${sls}_service`, name: service, fun: 'running', kind: 'service', sls, requires: `${sls}_config`, breaksOnBrokenMinion: true },
    { module: 'cmd', id: `${sls}_healthcheck`, name: `systemctl is-active ${service}`, fun: 'run', kind: 'cmd', sls, requires: `${sls}_service` },
  ];
}

/** The states an SLS expands to on one minion, in execution order; undefined when no such SLS exists. */
export function slsStates(sls: string, minion: Minion): StateDef[] | undefined {
  const deb = minion.os.pkgFamily === 'deb';
  const rpm = minion.os.pkgFamily === 'rpm';
  const id = minion.id;
  switch (sls) {
    case 'hello': return [
      { module: 'file', id: 'hello_dir', name: `/srv/app/${id}`, fun: 'directory', kind: 'dir', sls },
      { module: 'file', id: 'hello_file', name: `/srv/app/${id}/hello.txt`, fun: 'managed', kind: 'file', sls },
      { module: 'cmd', id: 'hello_cmd', name: `echo hello from ${id}`, fun: 'run', kind: 'cmd', sls },
      { module: 'test', id: 'hello_noop', name: 'nothing to do', fun: 'succeed_without_changes', kind: 'noop', sls },
    ];
    case 'broken': return [
      { module: 'test', id: 'always_fails', name: 'this state fails on purpose', fun: 'fail_without_changes', kind: 'fail', sls },
      { module: 'test', id: 'depends_on_failure', name: 'never runs', fun: 'succeed_with_changes', kind: 'requisite', sls, requires: 'always_fails' },
    ];
    case 'base': return [
      { module: 'pkg', id: 'base_packages', name: 'base_packages', fun: 'installed', kind: 'pkg', sls, version: pkgVersion(minion, 'curl') },
      { module: 'file', id: 'motd', name: '/etc/motd', fun: 'managed', kind: 'file', sls },
      { module: 'service', id: 'ntp', name: minion.os.chronyService, fun: 'running', kind: 'service', sls },
      { module: 'user', id: 'deploy_user', name: 'deploy', fun: 'present', kind: 'user', sls },
    ];
    case 'nginx': return serviceSls(minion, sls, 'nginx', 'nginx', '/etc/nginx/nginx.conf');
    case 'postgresql': return serviceSls(minion, sls, deb ? (minion.os.key === 'debian12' ? 'postgresql-15' : 'postgresql-14') : rpm ? 'postgresql-server' : 'postgresql',
      'postgresql', deb ? '/etc/postgresql/main/postgresql.conf' : '/var/lib/pgsql/data/postgresql.conf');
    case 'redis': return serviceSls(minion, sls, deb ? 'redis-server' : 'redis', deb ? 'redis-server' : 'redis', deb ? '/etc/redis/redis.conf' : '/etc/redis.conf');
    case 'haproxy': return serviceSls(minion, sls, 'haproxy', 'haproxy', '/etc/haproxy/haproxy.cfg');
    case 'monitoring': return serviceSls(minion, sls, deb ? 'prometheus-node-exporter' : 'golang-github-prometheus-node-exporter',
      deb ? 'prometheus-node-exporter' : 'node_exporter', '/etc/default/prometheus-node-exporter');
    case 'docker': return serviceSls(minion, sls, deb ? 'docker.io' : rpm ? 'podman' : 'docker', deb ? 'docker' : 'podman', '/etc/containers/registries.conf');
    case 'edge': return serviceSls(minion, sls, 'mosquitto', 'mosquitto', '/etc/mosquitto/conf.d/plant.conf');
    case 'app': return serviceSls(minion, sls, deb ? 'openjdk-17-jre-headless' : 'java-17-openjdk-headless', 'fleet-app', '/etc/fleet-app/app.env');
    default: return undefined;
  }
}

/** `state.apply nginx,base` and `state.sls` accept comma-separated names or a list. */
export function slsNames(value: JsonValue | undefined): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => slsNames(v));
  return asString(value).split(',').map((s) => s.trim()).filter(Boolean);
}
