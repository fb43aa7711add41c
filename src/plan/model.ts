// The normalized model templates see: everything resolved, nothing optional that a template would
// have to default. Built by plan/cluster.ts from a checked spec.

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

/** One command-line flag of Marathon or Chronos: `--name value`, or a bare `--name` when value is undefined. */
export interface CliFlag {
  name: string;
  value?: string;
  /** The value is secret: the file that carries it is written 0600. */
  secret?: true;
}

/** The mode of every file that carries secret material (and of whatever repeats one). */
export const SECRET_MODE = 0o600;

/** A file of secret material, written 0600 (root) and only to the hosts that need it. */
export interface SecretFile {
  /** Path relative to / (rootfs). */
  path: string;
  content: string;
  /** The units that read it, restarted when it changes. */
  readers: string[];
}

export interface MarathonPlan {
  /**
   * Where the installed package reads flags from: `env` for 1.5 and later (only /etc/default/marathon,
   * as MARATHON_* variables), `conf` for 1.4 (one file per flag in /etc/marathon/conf).
   */
  layout: 'env' | 'conf';
  /** Sorted by name. */
  flags: CliFlag[];
}

export interface ChronosPlan {
  /** Sorted by name; written as /etc/chronos/conf/<name>, or ?<name> for a bare flag. */
  flags: CliFlag[];
  /** Variables for /etc/default/chronos (sourced by the launcher; MESOSPHERE_* are not flags). */
  env: EnvVar[];
}

/** A systemd drop-in, etc/systemd/system/<unit>.d/mesosgen.conf. Empty lists are left out. */
export interface DropIn {
  unit: string;
  after: string[];
  wants: string[];
  requires: string[];
  limitNOFILE?: number;
}

/**
 * ZooKeeper's own unit, etc/systemd/system/zookeeper.service, which takes precedence over the one
 * systemd generates from the zookeeperd package's SysV script (forking, never restarted, active
 * after its Java process died). The classpath comes from the package's environment file: its jars
 * differ between ZooKeeper versions.
 */
export interface ZookeeperUnitPlan {
  user: string;
  group: string;
  /** The package's environment file (CLASSPATH, JAVA_OPTS). */
  environmentFile: string;
  /** The Java program, an absolute path (systemd runs it without a shell). */
  java: string;
  mainClass: string;
  configPath: string;
  logDir: string;
  /** Seconds between a failure and the next start; it keeps trying (no start limit). */
  restartSec: number;
  limitNOFILE: number;
}

export interface SystemdPlan {
  dropIns: DropIn[];
  /** Present where the host runs ZooKeeper. */
  zookeeperUnit?: ZookeeperUnitPlan;
  /** Units to enable, in start order. */
  enable: string[];
  /** Units to disable and mask: the packages enable some on every host (Debian 8/9 mesos). */
  mask: string[];
}

/** /etc/default/mesos, which mesos-init-wrapper sources before the master's or agent's own file. */
export interface MesosDefaultsPlan {
  logDir: string;
  /** Argument of the wrapper's `ulimit`; the same limit as the units' LimitNOFILE so it never lowers it. */
  ulimit: string;
}

/** How install.sh checks that a unit it (re)started is healthy. */
export interface HealthCheck {
  unit: string;
  /** zookeeper: the `srvr` four-letter word; http: GET path answers 200; docker: `docker info`. */
  kind: 'zookeeper' | 'http' | 'docker';
  address: string;
  port: number;
  path: string;
}

export interface PackagesPlan {
  source: 'none' | 'repository' | 'bundle';
  /** The packages this host needs, in install order. */
  names: string[];
  /** repository: apt_preferences(5) version globs. */
  pins: Array<{ package: string; version: string }>;
  repository?: { url: string; distribution: string; components: string[]; key: string };
  /** bundle: the files this host gets, in dependency order (what dpkg configures first comes first). */
  bundle: Array<{ file: string; sha256: string; package: string; version: string; content: Buffer }>;
}

/** What install.sh needs beyond the files: packages, owned directories, health checks. */
export interface InstallPlan {
  cluster: string;
  /** First 12 hex digits of the spec digest; names the backup folder /var/backups/mesosgen/<id>/. */
  configId: string;
  packages: PackagesPlan;
  /** Directories whose every file is a flag (and the unit reading them): strays there are purged. */
  ownedDirs: Array<{ dir: string; unit: string }>;
  /** In start order, one per unit the host enables. */
  health: HealthCheck[];
  /**
   * Secret files in cloud-init user data: "include" writes them there; "omit" leaves them out and
   * lets install.sh take them from `secretsDir` (or report them missing).
   */
  userDataSecrets: 'include' | 'omit';
  /** Where install.sh, run by cloud-init, looks for secret files left out of the user data. */
  secretsDir: string;
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
  /**
   * The AdminServer (3.5 and later): `off` writes admin.enableServer=false (it would take port 8080,
   * Marathon's), a number enables it on that port, `absent` writes nothing (3.4 has none).
   */
  adminServer: 'absent' | 'off' | number;
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

/** The ports a host's roles listen on (and its health gates probe): only its roles'. */
export interface HostPorts {
  zookeeper?: number;
  master?: number;
  agent?: number;
}

export interface HostPlan {
  name: string;
  ip: string;
  roles: Role[];
  ports: HostPorts;
  cluster: string;
  /** Contents of /etc/mesos/zk: zk://member:port,.../path */
  mesosZkUrl: string;
  /** The hosts the /etc/hosts block lists, sorted by name (empty for none); shared between hosts where it can be. */
  etcHosts: readonly HostsEntry[];
  mesosDefaults: MesosDefaultsPlan;
  systemd: SystemdPlan;
  install: InstallPlan;
  /** Credentials files and the like; empty without secrets. */
  secretFiles: SecretFile[];
  zookeeper?: ZookeeperPlan;
  master?: MasterPlan;
  agent?: AgentPlan;
  marathon?: MarathonPlan;
  chronos?: ChronosPlan;
}

/** Marathon apps and Chronos jobs, and what deploy.sh needs to send them. */
export interface WorkloadsPlan {
  cluster: string;
  /** http://<master>:<port> of every master: deploy.sh asks them for the leader. */
  marathonUrls: string[];
  chronosUrls: string[];
  chronosVersion: string;
  /** /v1/scheduler for Chronos 3.x, /scheduler for 2.x. */
  chronosApi: string;
  /** Spec order; `file` is relative to cluster/. */
  apps: Array<{ id: string; file: string; body: object }>;
  /** Parents before children. */
  jobs: Array<{ name: string; file: string; endpoint: 'iso8601' | 'dependency'; body: object }>;
  /** Apps and jobs the deployed build has and this one does not (`mesosgen plan`): deploy.sh deletes them. */
  remove: { apps: string[]; jobs: string[] };
}

/** Apps (by id) and jobs (by name) to delete from the cluster. */
export interface WorkloadRemovals {
  apps: string[];
  jobs: string[];
}

/** A plan's hosts, sorted by name: iterated, each host's plan is made when it is reached. */
export interface HostPlans extends Iterable<HostPlan> {
  readonly length: number;
  readonly names: readonly string[];
  map<T>(f: (host: HostPlan) => T): T[];
  filter(f: (host: HostPlan) => unknown): HostPlan[];
  find(f: (host: HostPlan) => unknown): HostPlan | undefined;
}

export interface ClusterPlan {
  name: string;
  apiVersion: 'mesosgen/v1';
  /** SHA-256 of the spec as canonical JSON (sorted keys), so formatting changes do not change it. */
  specDigest: string;
  versions: { mesos: string; marathon: string; chronos: string; zookeeper: string };
  /** Sorted by name; each host planned as it is reached. */
  hosts: HostPlans;
  /** Present when the spec has apps or jobs: OUT/cluster/ and tarballs/cluster.tar.gz. */
  workloads?: WorkloadsPlan;
  /** Bill of materials of a bundle build: every shipped .deb and the hosts that get it. */
  bundle: Array<{ file: string; package: string; version: string; sha256: string; size: number; hosts: string[] }>;
}
