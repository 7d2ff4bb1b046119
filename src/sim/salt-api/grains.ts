import { stringList, type JsonObject } from './json.js';
import type { OsProfile, RoleProfile } from './os-profiles.js';
import type { Rng } from './rng.js';

export interface GrainInput {
  id: string;
  index: number;
  os: OsProfile;
  role: RoleProfile;
  datacenter: { name: string; octet: number };
  env: string;
  saltVersion: [number, number];
  rng: Rng;
}

const CPU_FLAGS = ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', 'sep', 'mtrr', 'pge', 'mca', 'cmov',
  'pat', 'pse36', 'clflush', 'mmx', 'fxsr', 'sse', 'sse2', 'ss', 'ht', 'syscall', 'nx', 'pdpe1gb', 'rdtscp', 'lm',
  'constant_tsc', 'rep_good', 'nopl', 'xtopology', 'cpuid', 'pni', 'pclmulqdq', 'ssse3', 'fma', 'cx16', 'pcid', 'sse4_1',
  'sse4_2', 'x2apic', 'movbe', 'popcnt', 'aes', 'xsave', 'avx', 'f16c', 'rdrand', 'hypervisor', 'lahf_lm', 'abm', 'avx2'];
const ARM_FLAGS = ['fp', 'asimd', 'evtstrm', 'crc32', 'cpuid'];
const SYSTEMD_FEATURES = '+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL '
  + '+ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 '
  + '+LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified';
export const DOMAIN = 'fleet.example.net';

const mac = (rng: Rng, prefix: string): string =>
  `${prefix}:${[0, 0, 0].map(() => rng.int(0, 255).toString(16).padStart(2, '0')).join(':')}`;

function network(input: GrainInput): JsonObject {
  const { rng, role, datacenter } = input;
  const subnet = 10 + ['webserver', 'app', 'database', 'cache', 'loadbalancer', 'monitoring', 'build', 'plc-gateway'].indexOf(role.role);
  const ip = `10.${datacenter.octet}.${subnet}.${20 + input.index}`;
  const gw = `10.${datacenter.octet}.${subnet}.1`;
  const v6 = `fd00:${datacenter.octet}:${subnet}::${(20 + input.index).toString(16)}`;
  const linkLocal = `fe80::5054:ff:fe${rng.int(16, 255).toString(16)}:${rng.int(4096, 65535).toString(16)}`;
  const hasDocker = role.role === 'build' || role.role === 'app';
  const ip4: JsonObject = { lo: ['127.0.0.1'], eth0: [ip] };
  const ip6: JsonObject = { lo: ['::1'], eth0: [v6, linkLocal] };
  const hw: JsonObject = { lo: '00:00:00:00:00:00', eth0: mac(rng, '52:54:00') };
  if (hasDocker) {
    ip4.docker0 = ['172.17.0.1'];
    ip6.docker0 = [];
    hw.docker0 = mac(rng, '02:42:ac');
  }
  const ipAll: JsonObject = Object.fromEntries(Object.keys(ip4).map((k) => [
    k, [...stringList(ip4[k]), ...stringList(ip6[k])],
  ]));
  return {
    ip_gw: true, ip4_gw: gw, ip6_gw: `fd00:${datacenter.octet}:${subnet}::1`,
    dns: { nameservers: [`10.${datacenter.octet}.0.53`], ip4_nameservers: [`10.${datacenter.octet}.0.53`], ip6_nameservers: [],
      sortlist: [], domain: DOMAIN, search: [DOMAIN], options: [] },
    hwaddr_interfaces: hw, ip4_interfaces: ip4, ip6_interfaces: ip6,
    ipv4: ['127.0.0.1', ...(hasDocker ? ['172.17.0.1'] : []), ip], ipv6: ['::1', v6, linkLocal],
    fqdn_ip4: [ip], fqdn_ip6: [v6], ip_interfaces: ipAll,
  };
}

/** The full `grains.items` of one minion, in the key order a live 3006 minion reports them. */
export function buildGrains(input: GrainInput): JsonObject {
  const { id, os, role, rng } = input;
  const arm = role.role === 'plc-gateway';
  const cpuarch = arm ? 'aarch64' : 'x86_64';
  const osarch = os.pkgFamily === 'deb' ? (arm ? 'arm64' : 'amd64') : cpuarch;
  const net = network(input);
  const virtual = arm || role.role === 'database' ? 'physical' : rng.chance(0.8) ? 'kvm' : 'VMware';
  const disk = virtual === 'physical' ? (arm ? 'mmcblk0' : 'nvme0n1') : virtual === 'kvm' ? 'vda' : 'sda';
  const [major, minor] = input.saltVersion;
  const py = os.pythonVersion;
  return {
    cwd: '/', ip_gw: net.ip_gw ?? true, ip4_gw: net.ip4_gw ?? '', ip6_gw: net.ip6_gw ?? '', dns: net.dns ?? {}, fqdns: [],
    machine_id: rng.hex(32), master: 'salt.fleet.example.net', server_id: rng.int(100_000_000, 2_147_483_647),
    localhost: id, fqdn: `${id}.${DOMAIN}`, host: id, domain: DOMAIN,
    hwaddr_interfaces: net.hwaddr_interfaces ?? {}, id,
    ip4_interfaces: net.ip4_interfaces ?? {}, ip6_interfaces: net.ip6_interfaces ?? {},
    ipv4: net.ipv4 ?? [], ipv6: net.ipv6 ?? [], fqdn_ip4: net.fqdn_ip4 ?? [], fqdn_ip6: net.fqdn_ip6 ?? [],
    ip_interfaces: net.ip_interfaces ?? {},
    kernelparams: [['BOOT_IMAGE', `/boot/vmlinuz-${os.kernelRelease}`], ['root', `UUID=${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`], ['ro', null], ['quiet', null]],
    locale_info: { defaultlanguage: 'en_US', defaultencoding: 'UTF-8', detectedencoding: 'utf-8', timezone: 'UTC' },
    num_gpus: 0, gpus: [], kernel: 'Linux', nodename: id, kernelrelease: os.kernelRelease, kernelversion: os.kernelVersion,
    cpuarch, systemd: { version: os.systemd, features: SYSTEMD_FEATURES }, init: 'systemd',
    os: os.os, os_family: os.osFamily, oscodename: os.osCodename, osfullname: os.osFullname,
    lsb_distrib_id: os.lsbId, lsb_distrib_release: os.osRelease, lsb_distrib_codename: os.osCodename, osrelease: os.osRelease,
    num_cpus: rng.pick(role.cpuChoices),
    cpu_model: arm ? 'Cortex-A72' : rng.pick(['Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', 'AMD EPYC 7443P 24-Core Processor', 'Intel(R) Xeon(R) Processor']),
    cpu_flags: arm ? ARM_FLAGS : CPU_FLAGS, osarch, mem_total: rng.pick(role.memChoices),
    swap_total: virtual === 'physical' ? 4095 : 0, virtual, ps: 'ps -efHww', osrelease_info: os.osReleaseInfo,
    osmajorrelease: os.osReleaseInfo[0] ?? 0, osfinger: os.osFinger,
    path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    systempath: ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
    pythonexecutable: os.pythonExecutable, pythonpath: os.pythonPath, pythonversion: [py[0], py[1], py[2], 'final', 0],
    saltpath: os.saltPath, saltversion: `${major}.${minor}`, saltversioninfo: [major, minor], zmqversion: '4.3.4',
    disks: [disk], ssds: disk === 'nvme0n1' ? [disk] : [], shell: '/bin/bash', transactional: false,
    efi: virtual === 'physical', 'efi-secure-boot': false, username: 'root', groupname: 'root',
    pid: rng.int(600, 4000), gid: 0, uid: 0, zfs_support: false, zfs_feature_flags: false,
    roles: [role.role], datacenter: input.datacenter.name, env: input.env,
  };
}
