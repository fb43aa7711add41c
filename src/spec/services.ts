// What listens where: every TCP port a host's services open, derived from the resolved spec. The port
// rules check these; later stages (health checks) read the same list.
import { zookeeperHasAdminServer } from './versions.js';
import { agentsUseDocker, type ResolvedSpec } from './resolve.js';
import type { Host } from './types.generated.js';

export interface ListeningPort {
  /** What a reader calls it, e.g. "Marathon HTTP". */
  service: string;
  port: number;
  /** JSON Pointer of the setting that chooses the port (it may be a default not written in the spec). */
  path: string;
}

/** Mesos' offer when an agent declares no ports resource (Marathon's docs, ports.md). */
export const DEFAULT_OFFERED_PORTS = '[31000-32000]';

// Marathon and Chronos serve HTTPS on https_port (default 8443) only once a keystore is configured.
function httpsPort(flags: Record<string, unknown>): number | undefined {
  if (flags.https_port === undefined && flags.ssl_keystore_path === undefined) return undefined;
  return typeof flags.https_port === 'number' ? flags.https_port : 8443;
}

/** The ports a master opens: ZooKeeper, mesos-master, and Marathon and Chronos when enabled. */
export function masterPorts(spec: ResolvedSpec): ListeningPort[] {
  const zk = spec.zookeeper;
  const ports: ListeningPort[] = [
    { service: 'ZooKeeper client port', port: zk.clientPort, path: '/zookeeper/clientPort' },
    { service: 'ZooKeeper peer port', port: zk.peerPort, path: '/zookeeper/peerPort' },
    { service: 'ZooKeeper election port', port: zk.electionPort, path: '/zookeeper/electionPort' },
  ];
  if (hasAdminServer(spec)) ports.push({ service: 'ZooKeeper AdminServer', port: zk.adminServer.port, path: '/zookeeper/adminServer/port' });
  ports.push({ service: 'mesos-master', port: spec.mesos.master.port, path: '/mesos/master/port' });
  for (const [name, fw] of [['Marathon', spec.marathon], ['Chronos', spec.chronos]] as const) {
    if (!fw.enabled) continue;
    const base = `/${name.toLowerCase()}`;
    ports.push({ service: `${name} HTTP`, port: fw.httpPort, path: `${base}/httpPort` });
    const https = httpsPort(fw.flags);
    if (https !== undefined) ports.push({ service: `${name} HTTPS`, port: https, path: `${base}/flags/https_port` });
  }
  return ports;
}

/** The ports an agent opens itself (not the ones it offers to tasks). */
export function agentPorts(spec: ResolvedSpec): ListeningPort[] {
  return [{ service: 'mesos-slave', port: spec.mesos.agent.port, path: '/mesos/agent/port' }];
}

/** Every port `host` opens, masters' first. */
export function hostPorts(spec: ResolvedSpec, host: Host): ListeningPort[] {
  return [
    ...(host.roles.includes('master') ? masterPorts(spec) : []),
    ...(host.roles.includes('agent') ? agentPorts(spec) : []),
  ];
}

/** Whether ZooKeeper runs its AdminServer: asked for, and the version has one (3.5+). */
export function hasAdminServer(spec: ResolvedSpec): boolean {
  return spec.zookeeper.adminServer.enabled && zookeeperHasAdminServer(spec.versions.zookeeper);
}

/** The systemd units a host runs, in start order, and the ones it must never run. */
export function hostUnits(spec: ResolvedSpec, host: Host): { enable: string[]; mask: string[] } {
  const isMaster = host.roles.includes('master');
  const isAgent = host.roles.includes('agent');
  const wanted = new Set<string>();
  if (isMaster) {
    wanted.add('zookeeper.service').add('mesos-master.service');
    if (spec.marathon.enabled) wanted.add('marathon.service');
    if (spec.chronos.enabled) wanted.add('chronos.service');
  }
  if (isAgent) {
    if (agentsUseDocker(spec)) wanted.add('docker.service');
    wanted.add('mesos-slave.service');
  }
  // The Debian 8/9 mesos package enables both mesos-master and mesos-slave on every host.
  const known = ['chronos.service', 'marathon.service', 'mesos-master.service', 'mesos-slave.service', 'zookeeper.service'];
  return { enable: [...wanted], mask: known.filter((u) => !wanted.has(u)) };
}
