// What install.sh does on a host besides writing files: which packages it installs and from where,
// which directories it owns, and how it knows each service is up. Part of stage 4 (plan).
import type { Gathered } from '../gather/inputs.js';
import type { HealthCheck, InstallPlan, PackagesPlan } from './model.js';
import { hostPackages, packagePins } from '../spec/packages.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import type { Host } from '../spec/types.generated.js';

/** The packaged launchers turn every file in these directories into a flag (see render/host.ts), for these units. */
const OWNED_DIRS = [
  { dir: 'etc/chronos/conf', unit: 'chronos.service' },
  { dir: 'etc/marathon/conf', unit: 'marathon.service' },
  { dir: 'etc/mesos-master', unit: 'mesos-master.service' },
  { dir: 'etc/mesos-slave', unit: 'mesos-slave.service' },
];

/** Where an operator provides the secret files that user data built with "omit" leaves out. */
const SECRETS_BASE = '/var/lib/mesosgen-secrets';

/** Plans install.sh for one host. `enable` is the host's units in start order. Never fails. */
export function planInstall(spec: ResolvedSpec, host: Host, gathered: Gathered, configId: string, enable: string[]): InstallPlan {
  return {
    cluster: spec.cluster.name,
    configId,
    packages: planPackages(spec, host, gathered),
    ownedDirs: OWNED_DIRS,
    health: enable.map((unit) => healthCheck(spec, host, unit)),
    userDataSecrets: spec.cluster.userDataSecrets ?? 'include',
    secretsDir: `${SECRETS_BASE}/${host.name}`,
  };
}

function planPackages(spec: ResolvedSpec, host: Host, gathered: Gathered): PackagesPlan {
  const { source, repository } = spec.packages;
  const names = hostPackages(spec, host.roles);
  const pins = packagePins(spec);
  const plan: PackagesPlan = { source, names, pins: [], bundle: [] };
  if (source === 'repository' && repository && gathered.repositoryKey !== undefined) {
    plan.repository = { ...repository, key: gathered.repositoryKey };
    plan.pins = names.filter((n) => pins[n]).map((n) => ({ package: n, version: `${pins[n].version}*` }));
  }
  if (source === 'bundle') {
    plan.bundle = gathered.bundle
      .filter((b) => b.roles.some((r) => host.roles.includes(r)))
      .map((b) => ({ file: b.name, sha256: b.sha256, package: b.package, version: b.version, content: b.content }));
  }
  return plan;
}

function healthCheck(spec: ResolvedSpec, host: Host, unit: string): HealthCheck {
  const http = (port: number, path: string): HealthCheck => ({ unit, kind: 'http', address: host.ip, port, path });
  switch (unit) {
    case 'zookeeper.service':
      return { unit, kind: 'zookeeper', address: host.ip, port: spec.zookeeper.clientPort, path: '' };
    case 'mesos-master.service':
      return http(spec.mesos.master.port, '/health');
    case 'mesos-slave.service':
      return http(spec.mesos.agent.port, '/health');
    case 'marathon.service':
      return http(spec.marathon.httpPort, '/ping');
    case 'chronos.service':
      return http(spec.chronos.httpPort, '/');
    default:
      return { unit, kind: 'docker', address: '', port: 0, path: '' };
  }
}
