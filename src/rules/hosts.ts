// Rules about the host list: names, addresses, roles, per-agent fields.
import { diagnose } from '../diagnostics/diagnostic.js';
import { mastersOf } from '../spec/resolve.js';
import { classifyIpv4, parseIpv4 } from '../util/ipv4.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

export const hostNamesAreUnique: Rule = ({ spec, report }) => {
  const first = new Map<string, number>();
  spec.hosts.forEach((host, i) => {
    // tarballs/cluster.tar.gz holds the apps and jobs.
    if (host.name === 'cluster') report(diagnose('E_HOST_NAME_RESERVED', toPointer('hosts', i, 'name'), { name: host.name }));
    const loopback = describeLoopbackName(host.name);
    if (loopback) report(diagnose('E_HOST_NAME_LOOPBACK', toPointer('hosts', i, 'name'), { name: host.name, why: loopback }));
    const seen = first.get(host.name);
    if (seen === undefined) first.set(host.name, i);
    else report(diagnose('E_HOST_DUPLICATE_NAME', toPointer('hosts', i, 'name'), { name: host.name, first: `/hosts/${seen}` }));
  });
};

// Names every resolver and Ansible take for the local machine (RFC 6761 reserves *.localhost;
// Debian's /etc/hosts names ::1 ip6-localhost and ip6-loopback; Ansible's implicit control node is
// localhost or 127.0.0.1), and names that read as an IPv4 address, which ssh and Ansible would dial.
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback', 'localhost6', 'localhost6.localdomain6']);

/** Why `name` means "this machine" or an address rather than a host, or undefined. */
function describeLoopbackName(name: string): string | undefined {
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost'))
    return 'names the local machine: in /etc/hosts and the Ansible inventory it would mean the machine that reads them, not this host';
  if (/^[0-9.]+$/.test(name)) return 'reads as an IP address, which ssh, Ansible and resolvers would use as one instead of this host\'s ip';
  return undefined;
}

export const hostIpsAreUsable: Rule = ({ spec, report }) => {
  const first = new Map<string, string>();
  spec.hosts.forEach((host, i) => {
    const path = toPointer('hosts', i, 'ip');
    const octets = parseIpv4(host.ip);
    if (!octets) return report(diagnose('E_IP_INVALID', path, { ip: host.ip }));
    const kind = classifyIpv4(octets);
    if (kind === 'unspecified') report(diagnose('E_IP_UNSPECIFIED', path, { ip: host.ip }));
    else if (kind === 'loopback') {
      if (spec.cluster.loopback !== 'allow') report(diagnose('E_IP_LOOPBACK', path, { ip: host.ip }));
    } else if (kind !== 'unicast') report(diagnose('E_IP_NOT_UNICAST', path, { ip: host.ip, kind }));
    const seen = first.get(host.ip);
    if (seen === undefined) first.set(host.ip, host.name);
    else report(diagnose('E_HOST_DUPLICATE_IP', path, { ip: host.ip, first: `host "${seen}"` }));
  });
};

export const clusterHasMastersAndAgents: Rule = ({ spec, report }) => {
  if (mastersOf(spec).length === 0) report(diagnose('E_NO_MASTER', '/hosts', {}));
  if (!spec.hosts.some((h) => h.roles.includes('agent'))) report(diagnose('W_NO_AGENT', '/hosts', {}));
};

export const agentFieldsNeedAgentRole: Rule = ({ spec, report }) => {
  spec.hosts.forEach((host, i) => {
    if (host.roles.includes('agent')) return;
    for (const field of ['resources', 'attributes'] as const) {
      if (host[field] !== undefined) report(diagnose('W_HOST_FIELDS_UNUSED', toPointer('hosts', i, field), { field }));
    }
  });
};

export const advertisedNamesResolve: Rule = ({ spec, report }) => {
  const { advertise, etcHosts } = spec.cluster;
  if (advertise === 'name' && (etcHosts === 'masters' || etcHosts === 'none')) report(diagnose('W_ADVERTISE_UNRESOLVED', '/cluster/etcHosts', { etcHosts }));
};

/** Past this many hosts, "every host everywhere" is worth a warning. */
const QUADRATIC_FROM = 1000;

export const etcHostsStayLinear: Rule = ({ spec, report }) => {
  const n = spec.hosts.length;
  if (spec.cluster.etcHosts !== 'all' || n <= QUADRATIC_FROM) return;
  // The block (a line per host) lands on every host twice: etc/mesosgen/hosts and cloud-init.yaml.
  const block = spec.hosts.reduce((sum, h) => sum + h.ip.length + h.name.length + 2, 0);
  report(diagnose('W_ETC_HOSTS_QUADRATIC', '/cluster/etcHosts', { hosts: n, perHost: formatSize(2 * block), total: formatSize(2 * block * n) }));
};

function formatSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
}
