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
