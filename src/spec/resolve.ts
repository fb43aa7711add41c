// Stage 1 (spec), resolve: fill every optional field of a valid spec from defaults.ts. The result keeps the written
// spec's shape, so the rules (rules/) can report JSON Pointers that name the user's own fields.
import { DEFAULTS } from './defaults.js';
import type { ClusterSpec, Host, Secret } from './types.generated.js';
import type { App, Job } from './workloads.js';

export type FlagValue = string | number | boolean | object;

/** Marathon or Chronos, which run on every master when enabled. */
export interface FrameworkSettings {
  enabled: boolean;
  httpPort: number;
  zkPath: string;
  flags: Record<string, string | number | boolean>;
  principal?: string;
  secret?: Secret;
  httpCredentials?: { user: string; password: Secret };
}

export interface ResolvedSpec {
  /** userDataSecrets stays undefined when not written: secrets go into user data, with a warning. */
  cluster: {
    name: string;
    advertise: 'ip' | 'name';
    etcHosts: 'needed' | 'all' | 'masters' | 'none';
    loopback: 'refuse' | 'allow';
    userDataSecrets?: 'include' | 'omit';
  };
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
    adminServer: { enabled: boolean; port: number };
    auth?: { user: string; password: Secret };
  };
  mesos: {
    limitNOFILE: number;
    /** quorum stays undefined when not written: plan/cluster.ts derives the majority. */
    master: {
      port: number;
      workDir: string;
      quorum: number | undefined;
      /** Undefined when not written: Mesos' own ping timeout and count stay in force. */
      agentFailoverTimeout: string | undefined;
      authenticateFrameworks: boolean;
      authenticateAgents: boolean;
      flags: Record<string, FlagValue>;
    };
    agent: {
      port: number;
      workDir: string;
      containerizers: Array<'docker' | 'mesos'>;
      executorRegistrationTimeout: string;
      principal?: string;
      secret?: Secret;
      flags: Record<string, FlagValue>;
    };
  };
  marathon: FrameworkSettings;
  chronos: FrameworkSettings;
  docker: { enabled: boolean; package: string };
  packages: {
    source: 'none' | 'repository' | 'bundle';
    repository?: { url: string; distribution: string; components: string[]; key: string };
    bundle?: { dir: string; base?: string; files: BundleFile[]; unused?: string[] };
  };
  /** As written: they are the API bodies, so mesosgen adds no defaults. */
  apps: App[];
  jobs: Job[];
}

export interface BundleFile {
  name: string;
  sha256: string;
  roles: Array<'master' | 'agent'>;
}

/** Returns a new, fully defaulted spec; never mutates `spec`. Assumes validateSpec accepted it. */
export function resolveSpec(spec: ClusterSpec): ResolvedSpec {
  const zk = spec.zookeeper ?? {};
  const master = spec.mesos?.master ?? {};
  const agent = spec.mesos?.agent ?? {};
  const containerizers = agent.containerizers ?? [...DEFAULTS.agent.containerizers];
  const executorTimeout = containerizers.includes('docker')
    ? DEFAULTS.agent.dockerExecutorRegistrationTimeout
    : DEFAULTS.agent.executorRegistrationTimeout;
  return {
    cluster: {
      name: spec.cluster.name,
      advertise: spec.cluster.advertise ?? DEFAULTS.cluster.advertise,
      etcHosts: spec.cluster.etcHosts ?? DEFAULTS.cluster.etcHosts,
      loopback: spec.cluster.loopback ?? DEFAULTS.cluster.loopback,
      userDataSecrets: spec.cluster.userDataSecrets,
    },
    versions: { ...DEFAULTS.versions, ...spec.versions },
    hosts: spec.hosts,
    zookeeper: {
      ...DEFAULTS.zookeeper,
      ...zk,
      autopurge: { ...DEFAULTS.zookeeper.autopurge, ...zk.autopurge },
      adminServer: { ...DEFAULTS.zookeeper.adminServer, ...zk.adminServer },
    },
    mesos: {
      limitNOFILE: spec.mesos?.limitNOFILE ?? DEFAULTS.mesos.limitNOFILE,
      master: {
        port: master.port ?? DEFAULTS.master.port,
        workDir: master.workDir ?? DEFAULTS.master.workDir,
        quorum: master.quorum,
        agentFailoverTimeout: master.agentFailoverTimeout,
        authenticateFrameworks: master.authenticateFrameworks ?? false,
        authenticateAgents: master.authenticateAgents ?? false,
        flags: master.flags ?? {},
      },
      agent: {
        port: agent.port ?? DEFAULTS.agent.port,
        workDir: agent.workDir ?? DEFAULTS.agent.workDir,
        containerizers,
        executorRegistrationTimeout: agent.executorRegistrationTimeout ?? executorTimeout,
        principal: agent.principal,
        secret: agent.secret,
        flags: agent.flags ?? {},
      },
    },
    marathon: { ...DEFAULTS.marathon, ...spec.marathon, flags: spec.marathon?.flags ?? {} },
    chronos: { ...DEFAULTS.chronos, ...spec.chronos, flags: spec.chronos?.flags ?? {} },
    docker: { ...DEFAULTS.docker, ...spec.docker },
    packages: resolvePackages(spec.packages),
    apps: spec.apps ?? [],
    jobs: spec.jobs ?? [],
  };
}

function resolvePackages(packages: ClusterSpec['packages'] = {}): ResolvedSpec['packages'] {
  const { repository, bundle } = packages;
  return {
    source: packages.source ?? DEFAULTS.packages.source,
    repository: repository && { ...repository, components: repository.components ?? [...DEFAULTS.packages.components] },
    bundle: bundle && { dir: bundle.dir, base: bundle.base, files: bundle.files, unused: bundle.unused },
  };
}

/** Whether agents run Docker: it is enabled and a containerizer needs it. */
export function agentsUseDocker(spec: ResolvedSpec): boolean {
  return spec.docker.enabled && spec.mesos.agent.containerizers.includes('docker');
}

/** Hosts that run ZooKeeper and mesos-master, in spec order. */
export function mastersOf(spec: { hosts: Host[] }): Host[] {
  return spec.hosts.filter((h) => h.roles.includes('master'));
}
