// The normalized model templates see: everything resolved, nothing optional that a template would
// have to default. Built by plan.ts from a checked spec.

export type Role = 'master' | 'agent';

/** One Mesos flag as a file in /etc/mesos-master or /etc/mesos-slave: name = file name, value = content. */
export interface FlagFile {
  name: string;
  value: string;
}

/** One variable of an /etc/default file that mesos-init-wrapper sources. */
export interface EnvVar {
  name: string;
  value: string;
}

export interface HostsEntry {
  ip: string;
  name: string;
}

export interface ZookeeperServer {
  id: number;
  ip: string;
  peerPort: number;
  electionPort: number;
}

export interface ZookeeperPlan {
  version: string;
  myid: number;
  dataDir: string;
  clientPort: number;
  /** Bind the client port to this host's address only, not 0.0.0.0. */
  clientPortAddress: string;
  tickTime: number;
  initLimit: number;
  syncLimit: number;
  maxClientCnxns: number;
  snapRetainCount: number;
  purgeInterval: number;
  fourLetterWords: string[];
  /** Whether to write admin.enableServer=false (the AdminServer exists from 3.5 on and takes port 8080). */
  disableAdminServer: boolean;
  /** Every member, in spec order; empty for a single-member (standalone) ensemble. */
  servers: ZookeeperServer[];
}

export interface MasterPlan {
  env: EnvVar[];
  flags: FlagFile[];
}

export interface AgentPlan {
  env: EnvVar[];
  flags: FlagFile[];
  /** Files under /etc/mesos-slave/resources/, joined by the wrapper into --resources. */
  resources: FlagFile[];
  /** Files under /etc/mesos-slave/attributes/, joined by the wrapper into --attributes. */
  attributes: FlagFile[];
}

export interface HostPlan {
  name: string;
  ip: string;
  roles: Role[];
  cluster: string;
  /** Contents of /etc/mesos/zk: zk://member:port,.../path */
  mesosZkUrl: string;
  /** The hosts the /etc/hosts block lists, sorted by name; the same array for every host, empty for none. */
  etcHosts: readonly HostsEntry[];
  zookeeper?: ZookeeperPlan;
  master?: MasterPlan;
  agent?: AgentPlan;
}

export interface ClusterPlan {
  name: string;
  apiVersion: 'mesosgen/v1';
  /** SHA-256 of the spec as canonical JSON (sorted keys), so formatting changes do not change it. */
  specDigest: string;
  versions: { mesos: string; marathon: string; chronos: string; zookeeper: string };
  /** Sorted by name. */
  hosts: HostPlan[];
}
