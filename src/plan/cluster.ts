// Stage 4, plan: turn a checked spec into the per-host model the templates render. All defaults and derived
// values (quorum majority, zk URL, flag files) are decided here.
import { majorityOf, marathonReadsEnvFile, zookeeperHasAdminServer } from '../spec/versions.js';
import { flagValueText, lookupFlag } from '../catalogue/flag-types.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../catalogue/mesos-flags.js';
import { agentFailover } from '../spec/failover.js';
import type { AgentPlan, ClusterPlan, FlagFile, HostPlan, HostsEntry, MasterPlan, SecretFile, WorkloadRemovals, ZookeeperPlan } from './model.js';
import { CHRONOS_SECRET_FILE, MARATHON_SECRET_FILE, planChronos, planFrameworkContext, planMarathon, type FrameworkContext } from './frameworks.js';
import { planSecurity } from './security.js';
import { planInstall } from './install.js';
import { planSystemd } from './systemd.js';
import { PlannedHosts, type HostSource } from './planned-hosts.js';
import { planWorkloads } from './workloads.js';
import type { Gathered } from '../gather/inputs.js';
import { hasAdminServer } from '../spec/services.js';
import { mastersOf, type FlagValue, type ResolvedSpec } from '../spec/resolve.js';
import type { ClusterSpec, Host } from '../spec/types.generated.js';
import { byteOrder } from '../util/order.js';
import { InternalError } from '../util/errors.js';
import { stableDigest } from '../util/stable-json.js';

/** The packaged myid symlink (/var/lib/zookeeper/myid -> /etc/zookeeper/conf/myid) needs this dataDir. */
const ZOOKEEPER_DATA_DIR = '/var/lib/zookeeper';
const FOUR_LETTER_WORDS = ['mntr', 'ruok', 'srvr', 'stat'];

/** Plans every host. Assumes checkSpec found no errors; a broken invariant throws InternalError upstream. */
export function planCluster(
  written: ClusterSpec,
  spec: ResolvedSpec,
  gathered: Gathered = { bundle: [], secrets: new Map(), inputs: [] },
  removals?: WorkloadRemovals,
  /** A JSON spec's text and its hosts' ranges: the plan keeps them instead of a copy of each host. */
  source?: HostSource,
): ClusterPlan {
  const specDigest = stableDigest(written);
  const masters = mastersOf(spec);
  const quorum = spec.mesos.master.quorum ?? majorityOf(masters.length);
  const zk = spec.zookeeper;
  const zkMembers = masters.map((m) => `${m.ip}:${zk.clientPort}`).join(',');
  const security = planSecurity(spec, gathered.secrets, zkMembers);
  // /etc/mesos/zk: the URL itself, or file:// to the 0600 file that holds it with credentials.
  const mesosZkUrl = security.mesosZkFile;
  const etcHostsOf = planEtcHosts(spec, masters);
  const servers =
    masters.length > 1
      ? masters.map((m) => ({ id: m.zookeeperId as number, ip: m.ip, peerPort: zk.peerPort, electionPort: zk.electionPort }))
      : [];
  // Pass-through flags are cluster-wide: resolved against the catalogue once, not once per host.
  const failoverFlags = agentFailover(spec)?.flags ?? {};
  const masterFlags = [...passThrough(spec.mesos.master.flags, MASTER_FLAGS), ...toFlagFiles(failoverFlags), ...security.master.flags];
  const agentFlags = [...passThrough(spec.mesos.agent.flags, AGENT_FLAGS), ...security.agent.flags];
  const frameworks = planFrameworkContext(spec, zkMembers, security, gathered.secrets);
  const frameworkSecrets = planFrameworkSecretFiles(spec, gathered.secrets);
  // The wrapper runs `ulimit $ULIMIT`, which sets soft and hard limits: the same number as LimitNOFILE.
  const mesosDefaults = { logDir: '/var/log/mesos', ulimit: `-n ${spec.mesos.limitNOFILE}` };
  const { order, sorted } = sortHosts(spec.hosts);
  // planHost keeps the cluster-wide settings only, never the host list (nor `sorted`: no closure here
  // names it): the build plans one host at a time and 100,000 host objects can be collected.
  const cluster = withoutHostList(spec);
  const planHost = (host: Host): HostPlan => {
    const isMaster = host.roles.includes('master');
    const systemd = planSystemd(cluster, host);
    return {
      name: host.name,
      ip: host.ip,
      roles: (['master', 'agent'] as const).filter((r) => host.roles.includes(r)),
      ports: {
        ...(isMaster ? { zookeeper: cluster.zookeeper.clientPort, master: cluster.mesos.master.port } : {}),
        ...(host.roles.includes('agent') ? { agent: cluster.mesos.agent.port } : {}),
      },
      cluster: cluster.cluster.name,
      mesosZkUrl,
      etcHosts: etcHostsOf(host),
      mesosDefaults,
      systemd,
      install: planInstall(cluster, host, gathered, specDigest.slice(0, 12), systemd.enable),
      zookeeper: isMaster ? planZookeeper(cluster, host, servers) : undefined,
      master: isMaster ? planMaster(cluster, host, quorum, masterFlags) : undefined,
      agent: host.roles.includes('agent') ? planAgent(cluster, host, agentFlags) : undefined,
      ...(isMaster ? planFrameworks(cluster, host, frameworks) : {}),
      // Each secret only where its role needs it: agents never get the masters' credentials.
      secretFiles: [
        ...security.common,
        ...(isMaster ? [...security.master.files, ...frameworkSecrets] : []),
        ...(host.roles.includes('agent') ? security.agent.files : []),
      ],
    };
  };
  const hosts = new PlannedHosts(sorted, planHost, source && { ...source, order });
  return {
    name: spec.cluster.name,
    apiVersion: 'mesosgen/v1',
    specDigest,
    versions: spec.versions,
    hosts,
    workloads: planWorkloads(spec, removals),
    bundle: planBundle(gathered, sorted),
  };
}

/** The bill of materials: every shipped .deb and the hosts (by name) whose roles get it. */
function planBundle(gathered: Gathered, sorted: readonly Host[]): ClusterPlan['bundle'] {
  return gathered.bundle.map((b) => ({
    file: b.name,
    package: b.package,
    version: b.version,
    sha256: b.sha256,
    size: b.content.length,
    hosts: sorted.filter((h) => h.roles.some((r) => (b.roles as readonly string[]).includes(r))).map((h) => h.name),
  }));
}

/** `spec` whose `hosts` throws InternalError when read: per-host planning must not depend on the list. */
function withoutHostList(spec: ResolvedSpec): ResolvedSpec {
  const cluster = { ...spec };
  Object.defineProperty(cluster, 'hosts', {
    get: () => {
      throw new InternalError('per-host planning read the whole host list');
    },
  });
  return cluster;
}

/**
 * What each host's /etc/hosts block lists. "needed" (the default) keeps the output linear in hosts:
 * every host resolves its own name (Mesos and Java look it up at start) and the masters'; when Mesos
 * advertises names, the masters also resolve every agent (frameworks and the web UI reach agents by
 * the name they advertise). Shared arrays are one object, so render caches their block once.
 */
function planEtcHosts(spec: ResolvedSpec, masters: Host[]): (host: Host) => readonly HostsEntry[] {
  const entries = (list: Host[]) => sortByName(list).map((h) => ({ ip: h.ip, name: h.name }));
  const masterEntries = entries(masters);
  const { etcHosts, advertise } = spec.cluster;
  // The whole list only where a block holds it (then the build keeps it); the closures below name
  // neither `spec` nor its host list, so both can be collected while the hosts are written.
  const all = etcHosts === 'all' || (etcHosts === 'needed' && advertise === 'name') ? entries(spec.hosts) : [];
  switch (etcHosts) {
    case 'all':
      return () => all;
    case 'masters':
      return () => masterEntries;
    case 'none':
      return () => [];
    case 'needed':
      return (host) =>
        host.roles.includes('master') ? (advertise === 'name' ? all : masterEntries)
        : [...masterEntries, { ip: host.ip, name: host.name }].sort((a, b) => byteOrder(a.name, b.name));
  }
}

function planZookeeper(spec: ResolvedSpec, host: Host, servers: ZookeeperPlan['servers']): ZookeeperPlan {
  const zk = spec.zookeeper;
  return {
    version: spec.versions.zookeeper,
    myid: host.zookeeperId as number,
    dataDir: ZOOKEEPER_DATA_DIR,
    clientPort: zk.clientPort,
    clientPortAddress: host.ip,
    tickTime: zk.tickTime,
    initLimit: zk.initLimit,
    syncLimit: zk.syncLimit,
    maxClientCnxns: zk.maxClientCnxns,
    snapRetainCount: zk.autopurge.snapRetainCount,
    purgeInterval: zk.autopurge.purgeInterval,
    fourLetterWords: FOUR_LETTER_WORDS,
    adminServer:
      !zookeeperHasAdminServer(spec.versions.zookeeper) ? 'absent'
      : hasAdminServer(spec) ? zk.adminServer.port
      : 'off',
    servers,
  };
}

function planMaster(spec: ResolvedSpec, host: Host, quorum: number, passThroughFlags: FlagFile[]): MasterPlan {
  const master = spec.mesos.master;
  return {
    // PORT goes through the env file because the packaged one always sets it: a `port` flag file
    // as well would load --port twice and stop mesos-master.
    env: [{ name: 'PORT', value: String(master.port) }],
    flags: sortByName([
      { name: 'cluster', value: spec.cluster.name },
      { name: 'hostname', value: advertisedName(spec, host) },
      { name: 'ip', value: host.ip },
      { name: 'quorum', value: String(quorum) },
      { name: 'work_dir', value: master.workDir },
      ...passThroughFlags,
    ]),
  };
}

function planAgent(spec: ResolvedSpec, host: Host, passThroughFlags: FlagFile[]): AgentPlan {
  const agent = spec.mesos.agent;
  return {
    env: [],
    flags: sortByName([
      { name: 'containerizers', value: agent.containerizers.join(',') },
      { name: 'executor_registration_timeout', value: agent.executorRegistrationTimeout },
      { name: 'hostname', value: advertisedName(spec, host) },
      { name: 'ip', value: host.ip },
      // The wrapper ignores PORT for the agent, so the port is a flag file.
      { name: 'port', value: String(agent.port) },
      { name: 'work_dir', value: agent.workDir },
      ...passThroughFlags,
    ]),
    resources: toFlagFiles(host.resources ?? {}),
    attributes: toFlagFiles(host.attributes ?? {}),
  };
}

function planFrameworks(spec: ResolvedSpec, host: Host, ctx: FrameworkContext): Pick<HostPlan, 'marathon' | 'chronos'> {
  const advertised = advertisedName(spec, host);
  return {
    marathon: spec.marathon.enabled ? planMarathon(spec, ctx, advertised) : undefined,
    chronos: spec.chronos.enabled ? planChronos(spec, ctx, advertised) : undefined,
  };
}

// Marathon 1.4 and Chronos read their Mesos secret from a file (Marathon 1.5+ from its environment).
function planFrameworkSecretFiles(spec: ResolvedSpec, secrets: Map<string, string>): SecretFile[] {
  const files: SecretFile[] = [];
  const marathon = secrets.get('/marathon/secret');
  const marathon14 = !marathonReadsEnvFile(spec.versions.marathon);
  if (spec.marathon.enabled && spec.marathon.principal !== undefined && marathon !== undefined && marathon14)
    files.push({ path: MARATHON_SECRET_FILE, content: marathon, readers: ['marathon.service'] });
  const chronos = secrets.get('/chronos/secret');
  if (spec.chronos.enabled && spec.chronos.principal !== undefined && chronos !== undefined)
    files.push({ path: CHRONOS_SECRET_FILE, content: chronos, readers: ['chronos.service'] });
  return files;
}

function advertisedName(spec: ResolvedSpec, host: Host): string {
  return spec.cluster.advertise === 'name' ? host.name : host.ip;
}

// Deprecated aliases are written under the current name, so Mesos logs no deprecation warning.
function passThrough(flags: Record<string, FlagValue>, table: typeof MASTER_FLAGS): FlagFile[] {
  return Object.keys(flags).map((name) => ({
    name: lookupFlag(table, name)?.canonical ?? name,
    value: flagValueText(flags[name]),
  }));
}

function toFlagFiles(values: Record<string, string | number>): FlagFile[] {
  return sortByName(Object.keys(values).map((name) => ({ name, value: String(values[name]) })));
}

// The hosts by name, with each one's index in the spec. A function of its own: a closure in
// planCluster that named `spec` would keep every host alive through planHost's shared context.
function sortHosts(hosts: readonly Host[]): { order: Uint32Array; sorted: Host[] } {
  const order = Uint32Array.from(hosts.keys()).sort((a, b) => byteOrder(hosts[a].name, hosts[b].name));
  return { order, sorted: Array.from(order, (i) => hosts[i]) };
}

function sortByName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => byteOrder(a.name, b.name));
}
