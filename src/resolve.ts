// Stage 3: fill every optional field of a valid spec from defaults.ts. The result keeps the written
// spec's shape, so the rules in check.ts can report JSON Pointers that name the user's own fields.
import { DEFAULTS } from './defaults.js';
import type { ClusterSpec, Host } from './spec/types.generated.js';

export type FlagValue = string | number | boolean | object;

export interface ResolvedSpec {
  cluster: { name: string; advertise: 'ip' | 'name'; etcHosts: 'all' | 'masters' | 'none' };
  versions: { mesos: string; marathon: string; chronos: string; zookeeper: string };
  hosts: Host[];
  zookeeper: {
    clientPort: number;
    peerPort: number;
    electionPort: number;
    mesosPath: string;
    tickTime: number;
    initLimit: number;
    syncLimit: number;
    maxClientCnxns: number;
    autopurge: { snapRetainCount: number; purgeInterval: number };
  };
  mesos: {
    /** quorum stays undefined when not written: plan.ts derives the majority. */
    master: { port: number; workDir: string; quorum: number | undefined; flags: Record<string, FlagValue> };
    agent: {
      port: number;
      workDir: string;
      containerizers: Array<'docker' | 'mesos'>;
      executorRegistrationTimeout: string;
      flags: Record<string, FlagValue>;
    };
  };
}

/** Returns a new, fully defaulted spec; never mutates `spec`. Assumes validateSpec accepted it. */
export function resolveSpec(spec: ClusterSpec): ResolvedSpec {
  const zk = spec.zookeeper ?? {};
  const master = spec.mesos?.master ?? {};
  const agent = spec.mesos?.agent ?? {};
  return {
    cluster: {
      name: spec.cluster.name,
      advertise: spec.cluster.advertise ?? DEFAULTS.cluster.advertise,
      etcHosts: spec.cluster.etcHosts ?? DEFAULTS.cluster.etcHosts,
    },
    versions: { ...DEFAULTS.versions, ...spec.versions },
    hosts: spec.hosts,
    zookeeper: {
      ...DEFAULTS.zookeeper,
      ...zk,
      autopurge: { ...DEFAULTS.zookeeper.autopurge, ...zk.autopurge },
    },
    mesos: {
      master: {
        port: master.port ?? DEFAULTS.master.port,
        workDir: master.workDir ?? DEFAULTS.master.workDir,
        quorum: master.quorum,
        flags: master.flags ?? {},
      },
      agent: {
        port: agent.port ?? DEFAULTS.agent.port,
        workDir: agent.workDir ?? DEFAULTS.agent.workDir,
        containerizers: agent.containerizers ?? [...DEFAULTS.agent.containerizers],
        executorRegistrationTimeout: agent.executorRegistrationTimeout ?? DEFAULTS.agent.executorRegistrationTimeout,
        flags: agent.flags ?? {},
      },
    },
  };
}

/** Hosts that run ZooKeeper and mesos-master, in spec order. */
export function mastersOf(spec: { hosts: Host[] }): Host[] {
  return spec.hosts.filter((h) => h.roles.includes('master'));
}
