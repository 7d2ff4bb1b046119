/** Operating systems the simulated fleet runs, with the grains that differ between them. */
export type PkgFamily = 'deb' | 'rpm' | 'pacman';

export interface OsProfile {
  key: string;
  weight: number;
  pkgFamily: PkgFamily;
  os: string;
  osFamily: string;
  osFullname: string;
  osRelease: string;
  osReleaseInfo: number[];
  osCodename: string;
  osFinger: string;
  lsbId: string;
  kernelRelease: string;
  kernelVersion: string;
  systemd: string;
  pythonVersion: [number, number, number];
  pythonExecutable: string;
  pythonPath: string[];
  saltPath: string;
  chronyService: string;
}

const debianPythonPath = (v: string): string[] => [
  '/usr/lib/python3/dist-packages/scripts', '/usr/lib/python3/dist-packages', `/usr/lib/python${v.replace('.', '')}.zip`,
  `/usr/lib/python${v}`, `/usr/lib/python${v}/lib-dynload`, '/usr/local/lib/python3/dist-packages',
];
const onedirPythonPath = [
  '/opt/saltstack/salt', '/opt/saltstack/salt/lib/python310.zip', '/opt/saltstack/salt/lib/python3.10',
  '/opt/saltstack/salt/lib/python3.10/lib-dynload', '/opt/saltstack/salt/lib/python3.10/site-packages',
];

export const OS_PROFILES: readonly OsProfile[] = [
  {
    key: 'debian12', weight: 40, pkgFamily: 'deb', os: 'Debian', osFamily: 'Debian', osFullname: 'Debian GNU/Linux',
    osRelease: '12', osReleaseInfo: [12], osCodename: 'bookworm', osFinger: 'Debian-12', lsbId: 'Debian GNU/Linux',
    kernelRelease: '6.1.0-31-amd64', kernelVersion: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.128-1 (2025-02-07)', systemd: '252',
    pythonVersion: [3, 11, 2], pythonExecutable: '/usr/bin/python3', pythonPath: debianPythonPath('3.11'),
    saltPath: '/usr/lib/python3/dist-packages/salt', chronyService: 'chrony',
  },
  {
    key: 'ubuntu2204', weight: 15, pkgFamily: 'deb', os: 'Ubuntu', osFamily: 'Debian', osFullname: 'Ubuntu',
    osRelease: '22.04', osReleaseInfo: [22, 4], osCodename: 'jammy', osFinger: 'Ubuntu-22.04', lsbId: 'Ubuntu',
    kernelRelease: '5.15.0-131-generic', kernelVersion: '#141-Ubuntu SMP Fri Jan 10 21:18:28 UTC 2025', systemd: '249',
    pythonVersion: [3, 10, 16], pythonExecutable: '/opt/saltstack/salt/bin/python3.10', pythonPath: onedirPythonPath,
    saltPath: '/opt/saltstack/salt/lib/python3.10/site-packages/salt', chronyService: 'chrony',
  },
  {
    key: 'ubuntu2404', weight: 15, pkgFamily: 'deb', os: 'Ubuntu', osFamily: 'Debian', osFullname: 'Ubuntu',
    osRelease: '24.04', osReleaseInfo: [24, 4], osCodename: 'noble', osFinger: 'Ubuntu-24.04', lsbId: 'Ubuntu',
    kernelRelease: '6.8.0-53-generic', kernelVersion: '#55-Ubuntu SMP PREEMPT_DYNAMIC Fri Jan 17 15:37:52 UTC 2025', systemd: '255',
    pythonVersion: [3, 10, 16], pythonExecutable: '/opt/saltstack/salt/bin/python3.10', pythonPath: onedirPythonPath,
    saltPath: '/opt/saltstack/salt/lib/python3.10/site-packages/salt', chronyService: 'chrony',
  },
  {
    key: 'rocky9', weight: 15, pkgFamily: 'rpm', os: 'Rocky', osFamily: 'RedHat', osFullname: 'Rocky Linux',
    osRelease: '9.5', osReleaseInfo: [9, 5], osCodename: 'Blue Onyx', osFinger: 'Rocky Linux-9', lsbId: 'Rocky Linux',
    kernelRelease: '5.14.0-503.22.1.el9_5.x86_64', kernelVersion: '#1 SMP PREEMPT_DYNAMIC Wed Jan 15 08:02:15 UTC 2025', systemd: '252',
    pythonVersion: [3, 10, 16], pythonExecutable: '/opt/saltstack/salt/bin/python3.10', pythonPath: onedirPythonPath,
    saltPath: '/opt/saltstack/salt/lib/python3.10/site-packages/salt', chronyService: 'chronyd',
  },
  {
    key: 'alma9', weight: 8, pkgFamily: 'rpm', os: 'AlmaLinux', osFamily: 'RedHat', osFullname: 'AlmaLinux',
    osRelease: '9.5', osReleaseInfo: [9, 5], osCodename: 'Teal Serval', osFinger: 'AlmaLinux-9', lsbId: 'AlmaLinux',
    kernelRelease: '5.14.0-503.23.1.el9_5.x86_64', kernelVersion: '#1 SMP PREEMPT_DYNAMIC Tue Jan 21 04:35:26 EST 2025', systemd: '252',
    pythonVersion: [3, 10, 16], pythonExecutable: '/opt/saltstack/salt/bin/python3.10', pythonPath: onedirPythonPath,
    saltPath: '/opt/saltstack/salt/lib/python3.10/site-packages/salt', chronyService: 'chronyd',
  },
  {
    key: 'arch', weight: 7, pkgFamily: 'pacman', os: 'Arch', osFamily: 'Arch', osFullname: 'Arch Linux',
    osRelease: 'rolling', osReleaseInfo: [], osCodename: 'rolling', osFinger: 'Arch-rolling', lsbId: 'Arch',
    kernelRelease: '6.13.5-arch1-1', kernelVersion: '#1 SMP PREEMPT_DYNAMIC Thu, 27 Feb 2025 18:09:44 +0000', systemd: '257',
    pythonVersion: [3, 13, 2], pythonExecutable: '/usr/bin/python3', pythonPath: ['/usr/lib/python313.zip', '/usr/lib/python3.13', '/usr/lib/python3.13/lib-dynload', '/usr/lib/python3.13/site-packages'],
    saltPath: '/usr/lib/python3.13/site-packages/salt', chronyService: 'chronyd',
  },
];

/** Roles drive ids (`web-03`), custom grains, the highstate top file and role packages. */
export interface RoleProfile {
  role: string;
  prefix: string;
  weight: number;
  memChoices: number[];
  cpuChoices: number[];
}

export const ROLES: readonly RoleProfile[] = [
  { role: 'webserver', prefix: 'web', weight: 10, memChoices: [3915, 7937], cpuChoices: [2, 4] },
  { role: 'app', prefix: 'app', weight: 8, memChoices: [7937, 15992], cpuChoices: [4, 8] },
  { role: 'database', prefix: 'db', weight: 5, memChoices: [32102, 64303], cpuChoices: [8, 16] },
  { role: 'cache', prefix: 'cache', weight: 4, memChoices: [15992, 32102], cpuChoices: [4] },
  { role: 'loadbalancer', prefix: 'lb', weight: 2, memChoices: [3915], cpuChoices: [2] },
  { role: 'monitoring', prefix: 'mon', weight: 2, memChoices: [7937], cpuChoices: [4] },
  { role: 'build', prefix: 'build', weight: 3, memChoices: [15992, 32102], cpuChoices: [8, 16] },
  { role: 'plc-gateway', prefix: 'edge', weight: 6, memChoices: [1853, 3794], cpuChoices: [4] },
];
