// What a review compares, whichever side it comes from (a spec compiled in memory or a build
// directory): hosts with their roles, units and generated files.
import type { ClusterPlan, HostPorts, Role } from '../plan/model.js';

export interface SideFile {
  mode: number;
  /** The units that read it; undefined when a build directory's manifest predates them (then every unit of the host counts). */
  readers?: readonly string[];
  /** Content digest, for equality only; never shown for a secret file. */
  digest: () => string;
  read: () => Buffer;
}

export interface SideHost {
  name: string;
  ip: string;
  roles: Role[];
  /** The ports its roles listen on (an older build directory may not say: then {}). */
  ports: HostPorts;
  /** A master's ZooKeeper id. */
  zookeeperId?: number;
  enable: string[];
  /** Generated files by path relative to the host folder (rootfs/..., packages/...). */
  files: Map<string, SideFile>;
}

export interface Side {
  label: string;
  cluster: string;
  hostNames: string[];
  loadHost: (name: string) => SideHost;
  /** cluster/ files (apps, jobs, deploy.sh), by path relative to cluster/. */
  clusterFiles: Map<string, SideFile>;
  /** The versions a build directory configures (its manifest says; older ones do not). */
  versions?: BuildVersions;
  /** The plan of a side that is a spec (a build directory has none): what a rollout of it is ordered from. */
  plan?: ClusterPlan;
}

export interface BuildVersions {
  mesos: string;
  marathon: string;
  chronos: string;
  zookeeper: string;
}
