import type { OsProfile } from './os-profiles.js';
import { type Rng } from './rng.js';

/** One installed package; `version` is what `pkg.list_pkgs` prints for its family. */
export interface Package {
  name: string;
  version: string;
  arch: string;
}

// "name version [arch]" per line; arch defaults per family (amd64 / x86_64).
const DEBIAN12 = `adduser 3.134 all|apt 2.6.1|base-files 12.4+deb12u11|bash 5.2.15-2+b8|ca-certificates 20230311+deb12u1 all
coreutils 9.1-1|curl 7.88.1-10+deb12u14|dash 0.5.12-2|debconf 1.5.82 all|dpkg 1.21.22|e2fsprogs 1.47.0-2|findutils 4.9.0-4
gnupg 2.2.40-1.1+deb12u2 all|gpgv 2.2.40-1.1+deb12u2|grep 3.8-5|gzip 1.12-1|hostname 3.23+nmu1|iproute2 6.1.0-3|jq 1.6-2.1+deb12u1
less 590-2.1~deb12u2|libc6 2.36-9+deb12u14|libssl3 3.0.19-1~deb12u2|login 1:4.13+dfsg1-1+deb12u1|lsb-release 12.0-1 all
lsof 4.95.0-1|mount 2.38.1-5+deb12u3|ncurses-base 6.4-4 all|net-tools 2.10-0.1+deb12u2|netbase 6.4 all|openssh-client 1:9.2p1-2+deb12u6
openssh-server 1:9.2p1-2+deb12u6|openssl 3.0.19-1~deb12u2|passwd 1:4.13+dfsg1-1+deb12u1|perl-base 5.36.0-7+deb12u4|procps 2:4.0.2-3
python3 3.11.2-1+b1|python3.11 3.11.2-6+deb12u6|rsyslog 8.2302.0-1+deb12u1|sed 4.9-1|sudo 1.9.13p3-1+deb12u2|systemd 252.39-1~deb12u2
systemd-sysv 252.39-1~deb12u2|tar 1.34+dfsg-1.2+deb12u1|tzdata 2025b-0+deb12u2 all|unzip 6.0-28|util-linux 2.38.1-5+deb12u3
vim 2:9.0.1378-2+deb12u2|wget 1.21.3-1+deb12u1|zlib1g 1:1.2.13.dfsg-1|chrony 4.3-2+deb12u1|cron 3.0pl1-162|logrotate 3.21.0-1
salt-common 3006.10 all|salt-minion 3006.10 all|git 1:2.39.5-0+deb12u3|htop 3.2.2-2|rsync 3.2.7-1+deb12u2`;
const DEBIAN12_ROLES: Record<string, string> = {
  webserver: 'nginx 1.22.1-9+deb12u2|nginx-common 1.22.1-9+deb12u2 all|libnginx-mod-stream 1.22.1-9+deb12u2',
  app: 'openjdk-17-jre-headless 17.0.14+7-1~deb12u1|python3-gunicorn 20.1.0-6 all',
  database: 'postgresql-15 15.13-0+deb12u1|postgresql-client-15 15.13-0+deb12u1|postgresql-common 248 all',
  cache: 'redis-server 5:7.0.15-1~deb12u4|redis-tools 5:7.0.15-1~deb12u4',
  loadbalancer: 'haproxy 2.6.12-1+deb12u2|keepalived 1:2.2.7-1+b2',
  monitoring: 'prometheus 2.42.0+ds-5+b5|prometheus-node-exporter 1.5.0-1+b6|grafana 11.5.2',
  build: 'docker.io 20.10.24+dfsg1-1+deb12u1|containerd 1.6.20~ds1-1+deb12u1|make 4.3-4.1|gcc-12 12.2.0-14+deb12u1',
  'plc-gateway': 'mosquitto 2.0.11-1.2+deb12u1|python3-pymodbus 3.1.2-1 all|open62541-tools 1.3.5-1',
};

const UBUNTU2204 = `adduser 3.118ubuntu5 all|apt 2.4.13|base-files 12ubuntu4.7|bash 5.1-6ubuntu1.1|ca-certificates 20240203~22.04.1 all
coreutils 8.32-4.1ubuntu1.2|curl 7.81.0-1ubuntu1.20|libc6 2.35-0ubuntu3.9|libssl3 3.0.2-0ubuntu1.19|openssl 3.0.2-0ubuntu1.19
openssh-server 1:8.9p1-3ubuntu0.11|openssh-client 1:8.9p1-3ubuntu0.11|python3 3.10.6-1~22.04.1|systemd 249.11-0ubuntu3.15
sudo 1.9.9-1ubuntu2.4|tzdata 2025a-0ubuntu0.22.04 all|vim 2:8.2.3995-1ubuntu2.23|wget 1.21.2-2ubuntu1.1|chrony 4.2-2ubuntu2
cron 3.0pl1-137ubuntu3|rsyslog 8.2112.0-2ubuntu2.2|snapd 2.66.1+22.04|git 1:2.34.1-1ubuntu1.12|htop 3.0.5-7build2|salt-minion 3006.10 all`;
const UBUNTU2404 = `adduser 3.137ubuntu1 all|apt 2.7.14build2|base-files 13ubuntu10.2|bash 5.2.21-2ubuntu4|ca-certificates 20240203 all
coreutils 9.4-3ubuntu6|curl 8.5.0-2ubuntu10.6|libc6 2.39-0ubuntu8.4|libssl3t64 3.0.13-0ubuntu3.5|openssl 3.0.13-0ubuntu3.5
openssh-server 1:9.6p1-3ubuntu13.8|openssh-client 1:9.6p1-3ubuntu13.8|python3 3.12.3-0ubuntu2|systemd 255.4-1ubuntu8.6
sudo 1.9.15p5-3ubuntu5|tzdata 2025a-0ubuntu0.24.04 all|vim 2:9.1.0016-1ubuntu7.6|wget 1.21.4-1ubuntu4.1|chrony 4.5-1ubuntu4.1
cron 3.0pl1-184ubuntu2|rsyslog 8.2312.0-3ubuntu9|snapd 2.66.1+24.04|git 1:2.43.0-1ubuntu7.2|htop 3.3.0-4build1|salt-minion 3006.10 all`;
const UBUNTU_ROLES: Record<string, string> = {
  webserver: 'nginx 1.18.0-6ubuntu14.6|nginx-common 1.18.0-6ubuntu14.6 all',
  app: 'openjdk-17-jre-headless 17.0.14+7-1~22.04.1|python3-gunicorn 20.1.0-2 all',
  database: 'postgresql-14 14.17-0ubuntu0.22.04.1|postgresql-client-14 14.17-0ubuntu0.22.04.1',
  cache: 'redis-server 5:6.0.16-1ubuntu1|redis-tools 5:6.0.16-1ubuntu1',
  loadbalancer: 'haproxy 2.4.24-0ubuntu0.22.04.1',
  monitoring: 'prometheus-node-exporter 1.3.1-1ubuntu0.22.04.3',
  build: 'docker.io 24.0.7-0ubuntu2~22.04.1|containerd 1.7.24-0ubuntu1~22.04.1|make 4.3-4.1build1',
  'plc-gateway': 'mosquitto 2.0.11-1ubuntu1.1|python3-pymodbus 2.1.0+dfsg-2 all',
};

const RHEL9 = `bash 5.1.8-9.el9|coreutils 8.32-36.el9|curl 7.76.1-31.el9|glibc 2.34-125.el9_5.1|openssl 1:3.2.2-6.el9_5.1
openssh-server 8.7p1-43.el9|openssh-clients 8.7p1-43.el9|python3 3.9.21-1.el9_5|systemd 252-46.el9_5.2|sudo 1.9.5p2-10.el9_3
tzdata 2025a-1.el9 noarch|vim-enhanced 2:8.2.2637-21.el9|wget 1.21.1-8.el9_4|chrony 4.5-3.el9|cronie 1.5.7-12.el9
rsyslog 8.2310.0-4.el9|dnf 4.14.0-17.el9 noarch|rpm 4.16.1.3-34.el9|git 2.43.5-2.el9_5|kernel 5.14.0-427.42.1.el9_4,5.14.0-503.22.1.el9_5
salt-minion 3006.10-0 noarch|ca-certificates 2024.2.69_v8.0.303-91.4.el9_4 noarch`;
const RHEL_ROLES: Record<string, string> = {
  webserver: 'nginx 1:1.20.1-20.el9.0.1|nginx-core 1:1.20.1-20.el9.0.1',
  app: 'java-17-openjdk-headless 1:17.0.14.0.7-2.el9',
  database: 'postgresql-server 13.20-1.el9_5|postgresql 13.20-1.el9_5',
  cache: 'redis 6.2.17-1.el9_5',
  loadbalancer: 'haproxy 2.4.22-3.el9_5.1|keepalived 2.2.8-4.el9_5',
  monitoring: 'golang-github-prometheus-node-exporter 1.7.0-1.el9',
  build: 'podman 5:5.2.2-13.el9_5|make 1:4.3-8.el9|gcc 11.5.0-2.el9',
  'plc-gateway': 'mosquitto 2.0.20-1.el9|python3-pymodbus 3.6.9-1.el9 noarch',
};

const ARCH = `bash 5.2.037-1|coreutils 9.6-2|curl 8.12.1-1|glibc 2.41-1|openssl 3.4.1-1|openssh 9.9p2-1|python 3.13.2-1
systemd 257.3-1|sudo 1.9.16.p2-1|tzdata 2025a-1|vim 9.1.1169-1|wget 1.25.0-2|chrony 4.6.1-2|cronie 1.7.2-2|pacman 7.0.0.r6.gc685ae6-2
git 2.48.1-1|htop 3.3.0-4|linux 6.13.5.arch1-1|salt 3006.10-1 any`;
const ARCH_ROLES: Record<string, string> = {
  webserver: 'nginx 1.26.3-1', app: 'jre17-openjdk-headless 17.0.14.u7-1', database: 'postgresql 17.4-1',
  cache: 'redis 7.2.7-1', loadbalancer: 'haproxy 3.1.5-1', monitoring: 'prometheus-node-exporter 1.9.0-1',
  build: 'docker 1:28.0.1-1|make 4.4.1-2|gcc 14.2.1+r753+g1cd744a6828f-1', 'plc-gateway': 'mosquitto 2.0.20-1',
};

function parse(block: string, defaultArch: string): Package[] {
  return block.split(/[|\n]/).map((line) => line.trim()).filter(Boolean).map((line) => {
    const [name = '', version = '', arch = defaultArch] = line.split(' ');
    return { name, version, arch };
  });
}

/** One release behind: the last number in the version goes down by one (deb12u11 -> deb12u10). */
function olderVersion(version: string): string {
  const matches = [...version.matchAll(/\d+/g)];
  const last = matches.at(-1);
  if (!last || last.index === undefined || Number(last[0]) === 0) return version;
  return version.slice(0, last.index) + String(Number(last[0]) - 1) + version.slice(last.index + last[0].length);
}

/** The installed packages of one minion: its OS base set, its role's packages, some a release behind. */
export function packagesFor(profile: OsProfile, role: string, rng: Rng): Package[] {
  const [base, roles, arch] =
    profile.key === 'debian12' ? [DEBIAN12, DEBIAN12_ROLES, 'amd64']
    : profile.key === 'ubuntu2204' ? [UBUNTU2204, UBUNTU_ROLES, 'amd64']
    : profile.key === 'ubuntu2404' ? [UBUNTU2404, UBUNTU_ROLES, 'amd64']
    : profile.pkgFamily === 'rpm' ? [RHEL9, RHEL_ROLES, 'x86_64']
    : [ARCH, ARCH_ROLES, 'x86_64'];
  const lagging = rng.chance(0.35);
  const packages = [...parse(base, arch), ...parse(roles[role] ?? '', arch)].map((pkg) =>
    lagging && rng.chance(0.2) ? { ...pkg, version: olderVersion(pkg.version) } : pkg,
  );
  return packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The role's main service package name, used by the state simulator (`nginx`, `postgresql-15`...). */
export function rolePackage(profile: OsProfile, role: string): string | undefined {
  const table = profile.key === 'debian12' ? DEBIAN12_ROLES
    : profile.pkgFamily === 'deb' ? UBUNTU_ROLES
    : profile.pkgFamily === 'rpm' ? RHEL_ROLES : ARCH_ROLES;
  return (table[role] ?? '').split(' ')[0] || undefined;
}
