// Synthetic cluster specs for the benchmark and the scale tests: 3 masters, the rest agents.
import type { ClusterSpec, Host } from '../src/spec/types.generated.js';

/** A valid spec with `hosts` hosts (at least 3), addresses in 10.0.0.0/8. */
export function syntheticSpec(hosts: number): ClusterSpec {
  const list: Host[] = [];
  for (let i = 0; i < hosts; i++) {
    const ip = `10.${Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
    if (i < 3) list.push({ name: `master${i + 1}`, ip: `10.255.255.${i + 1}`, roles: ['master'], zookeeperId: i + 1 });
    else
      list.push({ name: `agent${String(i).padStart(6, '0')}`, ip, roles: ['agent'], resources: { cpus: 8, mem: 16384 }, attributes: { rack: `r${i % 40}` } });
  }
  return {
    apiVersion: 'mesosgen/v1',
    cluster: { name: `bench${hosts}` },
    hosts: list as ClusterSpec['hosts'],
    mesos: { agent: { containerizers: ['docker', 'mesos'], executorRegistrationTimeout: '10mins' } },
    marathon: { flags: { task_launch_timeout: 600_000 } },
  };
}

/** Ports of loopbackSpec's daemons: unusual, so nothing else on the machine answers for them. */
export const LOOPBACK_PORTS = { master: 25050, agent: 25051, zookeeper: 22181, marathon: 28080, chronos: 24400 };

/**
 * syntheticSpec's cluster on loopback addresses (127.1.0.0/16, one per host) and LOOPBACK_PORTS,
 * with an app and a job: what `mesosgen verify` is measured against, with stand-ins on this machine.
 */
export function loopbackSpec(hosts: number): ClusterSpec {
  const spec = syntheticSpec(hosts);
  spec.hosts.forEach((h, i) => (h.ip = `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`));
  return {
    ...spec,
    cluster: { name: `verify${hosts}`, loopback: 'allow' },
    zookeeper: { clientPort: LOOPBACK_PORTS.zookeeper, peerPort: 22888, electionPort: 23888 },
    mesos: { master: { port: LOOPBACK_PORTS.master }, agent: { ...spec.mesos!.agent, port: LOOPBACK_PORTS.agent } },
    marathon: { ...spec.marathon, httpPort: LOOPBACK_PORTS.marathon },
    chronos: { httpPort: LOOPBACK_PORTS.chronos },
    docker: { enabled: true },
    apps: [{ id: '/web', cmd: 'python3 -m http.server $PORT0', cpus: 0.1, mem: 64, instances: 3 }],
    jobs: [{ name: 'nightly', command: 'true', schedule: 'R/2026-01-01T02:00:00Z/P1D', cpus: 0.1, mem: 32, owner: 'ops@example.com' }],
  };
}
