import { createHash } from 'node:crypto';
import { asString } from '../args.js';
import type { Minion } from '../fleet.js';
import { stringList } from '../json.js';
import { asctime, nowMicros } from '../time.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  retcode: number;
  durationMs: number;
}

/** A stable 0..1 number per command and minion, so a command's duration and output agree. */
function unit(cmd: string, minion: Minion): number {
  return createHash('sha1').update(`${minion.id}\u0000${cmd}`).digest().readUInt32BE(0) / 0xffffffff;
}

function osRelease(m: Minion): string {
  const g = m.grains;
  return [`PRETTY_NAME="${asString(g.osfullname)} ${asString(g.osrelease)}"`, `NAME="${asString(g.osfullname)}"`,
    `VERSION_ID="${asString(g.osrelease)}"`, `ID=${asString(g.os).toLowerCase()}`, `VERSION_CODENAME=${asString(g.oscodename)}`].join('\n');
}

function df(m: Minion): string {
  const disk = stringList(m.grains.disks)[0] ?? 'vda';
  const used = 20 + Math.round(unit('df', m) * 60);
  return ['Filesystem      Size  Used Avail Use% Mounted on', 'udev            1.9G     0  1.9G   0% /dev',
    'tmpfs           392M  1.1M  391M   1% /run', `/dev/${disk}1        40G  ${Math.round(used * 0.4)}G  ${40 - Math.round(used * 0.4)}G  ${used}% /`,
    'tmpfs           2.0G     0  2.0G   0% /dev/shm'].join('\n');
}

function free(m: Minion): string {
  const total = Number(m.grains.mem_total ?? 4096);
  const used = Math.round(total * (0.2 + unit('free', m) * 0.5));
  return ['               total        used        free      shared  buff/cache   available',
    `Mem:           ${total}        ${used}        ${total - used - 300}          12         300        ${total - used}`,
    `Swap:              ${Number(m.grains.swap_total ?? 0)}           0           ${Number(m.grains.swap_total ?? 0)}`].join('\n');
}

const FIXED: Record<string, (m: Minion) => string> = {
  hostname: (m) => m.id,
  'hostname -f': (m) => asString(m.grains.fqdn),
  whoami: () => 'root',
  id: () => 'uid=0(root) gid=0(root) groups=0(root)',
  uname: () => 'Linux',
  'uname -r': (m) => asString(m.grains.kernelrelease),
  'uname -a': (m) => `Linux ${m.id} ${asString(m.grains.kernelrelease)} ${asString(m.grains.kernelversion)} ${asString(m.grains.cpuarch)} GNU/Linux`,
  uptime: (m) => ` ${new Date().toISOString().slice(11, 19)} up ${3 + Math.round(unit('up', m) * 120)} days,  2:14,  0 users,  load average: 0.${Math.round(unit('l1', m) * 90)}, 0.12, 0.09`,
  date: () => asctime(nowMicros()).replace(/ (\d{4})$/, ' UTC $1'),
  'cat /etc/os-release': osRelease,
  'df -h': df,
  'free -m': free,
  'ls /': () => ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'].join('\n'),
  pwd: () => '/root',
  true: () => '',
};

function upgradeOutput(m: Minion): string {
  if (m.os.pkgFamily === 'rpm') return 'Last metadata expiration check: 0:41:07 ago.\nDependencies resolved.\nNothing to do.\nComplete!';
  if (m.os.pkgFamily === 'pacman') return ':: Synchronizing package databases...\n core is up to date\n extra is up to date\n:: Starting full system upgrade...\n there is nothing to do';
  return 'Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.';
}

/** Plausible output for a shell command on a simulated minion; unknown commands are "not found". */
export function runCommand(rawCmd: string, minion: Minion, jobDurationMs: number): CommandResult {
  const cmd = rawCmd.trim();
  const quick = 10 + unit(cmd, minion) * 150;
  const ok = (stdout: string, durationMs = quick): CommandResult => ({ stdout, stderr: '', retcode: 0, durationMs });
  const sleep = /^sleep\s+(\d+(?:\.\d+)?)$/.exec(cmd);
  if (sleep) return ok('', Number(sleep[1]) * 1000);
  const echo = /^echo\s+(.*)$/s.exec(cmd);
  if (echo) return ok((echo[1] ?? '').replace(/^(['"])(.*)\1$/s, '$2'));
  const fixed = FIXED[cmd];
  if (fixed) return ok(fixed(minion));
  if (cmd === 'false' || cmd === 'exit 1') return { stdout: '', stderr: '', retcode: 1, durationMs: quick };
  if (/^systemctl is-active\s+\S+$/.test(cmd)) return ok('active');
  if (/^(apt-get|apt|dnf|yum|pacman)\b.*(upgrade|-Syu)/.test(cmd)) return ok(upgradeOutput(minion), jobDurationMs * (1 + unit(cmd, minion)));
  const word = cmd.split(/\s+/)[0] ?? cmd;
  const stderr = minion.os.pkgFamily === 'deb' && minion.os.os === 'Debian'
    ? `/bin/sh: 1: ${word}: not found` : `/bin/sh: line 1: ${word}: command not found`;
  return { stdout: '', stderr, retcode: 127, durationMs: quick };
}
