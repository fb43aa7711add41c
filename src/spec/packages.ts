// Which Debian packages each role needs, and the version each is pinned to. Shared by gather/inputs.ts
// (does the bundle provide them?) and the plan (what install.sh installs).
import { agentsUseDocker, type ResolvedSpec } from './resolve.js';

export type Role = 'master' | 'agent';

/** The packages a role runs, in install order. */
export function rolePackages(spec: ResolvedSpec, role: Role): string[] {
  if (role === 'agent') return ['mesos', ...(agentsUseDocker(spec) ? [spec.docker.package] : [])];
  return [
    'zookeeper',
    // Debian's zookeeperd holds the init script (zookeeper.service); zookeeper alone only the jars.
    'zookeeperd',
    'mesos',
    ...(spec.marathon.enabled ? ['marathon'] : []),
    ...(spec.chronos.enabled ? ['chronos'] : []),
  ];
}

/** The packages a host with these roles needs, without repeats, in install order. */
export function hostPackages(spec: ResolvedSpec, roles: readonly Role[]): string[] {
  return [...new Set(roles.flatMap((r) => rolePackages(spec, r)))];
}

/**
 * The apt_preferences(5) version glob for each pinned package: the versions in /versions, a prefix
 * of the Debian version (Mesosphere's mesos 1.9.0 is "1.9.0-2.0.1.ubuntu1804"). Docker is not pinned.
 */
export function packagePins(spec: ResolvedSpec): Record<string, { software: string; version: string }> {
  const { mesos, marathon, chronos, zookeeper } = spec.versions;
  return {
    mesos: { software: 'Mesos', version: mesos },
    marathon: { software: 'Marathon', version: marathon },
    chronos: { software: 'Chronos', version: chronos },
    zookeeper: { software: 'ZooKeeper', version: zookeeper },
    zookeeperd: { software: 'ZooKeeper', version: zookeeper },
  };
}

/** Whether a Debian version (epoch and revision allowed) belongs to the pinned upstream version. */
export function matchesPin(debVersion: string, pinned: string): boolean {
  const upstream = debVersion.replace(/^[0-9]+:/, '');
  return (
    upstream === pinned ||
    upstream.startsWith(pinned + '.') ||
    upstream.startsWith(pinned + '-') ||
    upstream.startsWith(pinned + '+') ||
    upstream.startsWith(pinned + '~')
  );
}
