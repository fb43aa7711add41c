// The starter spec `mesosgen init` writes: 3 masters, 2 agents, every section present with its
// default, so an operator sees every knob and the file validates as it is.
import { DEFAULTS } from './defaults.js';
import type { ClusterSpec } from './types.generated.js';

/** Returns the starter spec; `schemaRef` becomes its "$schema" (for editor completion). */
export function starterSpec(schemaRef: string): ClusterSpec {
  const z = DEFAULTS.zookeeper;
  return {
    $schema: schemaRef,
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'example', advertise: DEFAULTS.cluster.advertise, etcHosts: DEFAULTS.cluster.etcHosts },
    versions: { ...DEFAULTS.versions },
    hosts: [
      { name: 'master1', ip: '10.0.0.11', roles: ['master'], zookeeperId: 1 },
      { name: 'master2', ip: '10.0.0.12', roles: ['master'], zookeeperId: 2 },
      { name: 'master3', ip: '10.0.0.13', roles: ['master'], zookeeperId: 3 },
      { name: 'agent1', ip: '10.0.0.21', roles: ['agent'], resources: { cpus: 4, mem: 8192 }, attributes: { rack: 'r1' } },
      { name: 'agent2', ip: '10.0.0.22', roles: ['agent'], resources: { cpus: 4, mem: 8192 }, attributes: { rack: 'r2' } },
    ],
    zookeeper: {
      clientPort: z.clientPort,
      peerPort: z.peerPort,
      electionPort: z.electionPort,
      mesosPath: z.mesosPath,
      tickTime: z.tickTime,
      initLimit: z.initLimit,
      syncLimit: z.syncLimit,
      maxClientCnxns: z.maxClientCnxns,
      autopurge: { ...z.autopurge },
      adminServer: { ...z.adminServer },
    },
    mesos: {
      limitNOFILE: DEFAULTS.mesos.limitNOFILE,
      // No quorum: it is computed from the masters, so adding masters keeps it a majority.
      master: { port: DEFAULTS.master.port, workDir: DEFAULTS.master.workDir, agentFailoverTimeout: '2mins', flags: {} },
      agent: {
        port: DEFAULTS.agent.port,
        workDir: DEFAULTS.agent.workDir,
        containerizers: ['docker', 'mesos'],
        executorRegistrationTimeout: DEFAULTS.agent.dockerExecutorRegistrationTimeout,
        flags: {},
      },
    },
    // Marathon's task_launch_timeout must outlast the agents' executor registration timeout (10mins).
    marathon: { ...DEFAULTS.marathon, flags: { task_launch_timeout: 600_000 } },
    chronos: { ...DEFAULTS.chronos, flags: {} },
    docker: { ...DEFAULTS.docker },
  };
}
