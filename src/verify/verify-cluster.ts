// `mesosgen verify BUILD`: whether the running cluster is the one a build describes. The masters are
// asked first (flags, version, leader, ZooKeeper, Marathon, Chronos), then the leader for the
// registered agents, the apps and the jobs, then every agent; a bounded number of requests at a time,
// each with its own deadline. Hosts are read from the build one at a time.
import { openBuild } from '../review/build-dir.js';
import type { SideHost } from '../review/side-types.js';
import { readSshTargets } from '../review/ssh-targets.js';
import { isChronos3 } from '../spec/versions.js';
import { UsageError } from '../util/errors.js';
import { InputFileError, MAX_SECRET_BYTES, readRegularFile } from '../util/read-file.js';
import { findUnsafeChar } from '../util/text.js';
import { showValue } from './compare-values.js';
import { checkChronosJobs, checkChronosReachable, checkMarathonApps, checkMarathonInfo } from './check-frameworks.js';
import { askMesosLeader, checkMesosFlags, checkMesosVersion, checkRegistration, listRegisteredAgents, type RegisteredAgent } from './check-mesos.js';
import { checkZookeeperLeaders, checkZookeeperMember } from './check-zookeeper.js';
import { expectHost, type HostExpectation } from './expect-host.js';
import { COMPONENTS, runPooled, type Component, type Endpoint, type Finding, type ProbeContext } from './probe.js';
import { readWorkloads } from './read-workloads.js';

export interface VerifyOptions {
  build: string;
  /** Lines "<host> [user@]address" (plan's --hosts): how each host is reached instead of its IP. */
  hostsFile?: string;
  timeoutMs: number;
  /** Requests in flight at most. */
  parallel: number;
  /** A file holding the operator's principal:secret for masters and agents that authenticate HTTP. */
  mesosCredentialsFile?: string;
  /** Where secret files the build directory lacks are read from (DIR/<host>/<path>). */
  secretsDir?: string;
  components?: ReadonlySet<Component>;
}

export interface VerifyReport {
  build: string;
  cluster: string;
  hosts: number;
  /** Sorted by host, component, code and key: the same cluster gives the same report. */
  findings: Finding[];
}

/**
 * Compares the live cluster with the build directory `options.build`. Throws UsageError when the
 * build, the --hosts file, the credentials or a secret cannot be read or were changed; every answer
 * (or silence) of the cluster becomes a finding instead.
 */
export async function verifyCluster(options: VerifyOptions): Promise<VerifyReport> {
  // The build: its manifest checked, each file against its digest as it is read.
  const side = openBuild(options.build, new Set());
  if (!side.versions) throw new UsageError(`${options.build}/manifest.json names no versions: build the spec again with this mesosgen`);
  const versions = side.versions;
  const targets = options.hostsFile ? readSshTargets(options.hostsFile, new Set(side.hostNames)) : new Map<string, { address: string }>();
  const mesosAuth = options.mesosCredentialsFile === undefined ? undefined : readOperatorCredentials(options.mesosCredentialsFile);
  const { apps, jobs } = readWorkloads(side);
  const wants = (c: Component) => (options.components ?? new Set(COMPONENTS)).has(c);
  const findings: Finding[] = [];
  const ctx: ProbeContext = { timeoutMs: options.timeoutMs, parallel: options.parallel, add: (f) => void findings.push(f) };
  const expect = (host: SideHost) => expectHost(host, targets.get(host.name)?.address ?? host.ip, options.secretsDir);
  const at = (host: HostExpectation, component: Component, port: number): Endpoint => ({ host: host.name, component, address: host.address, port });

  // 1. The masters, each on its own: Mesos, ZooKeeper, Marathon, Chronos.
  const masterNames: string[] = [];
  const agentNames: string[] = [];
  for (const name of side.hostNames) {
    const { roles } = side.loadHost(name);
    if (roles.includes('master')) masterNames.push(name);
    if (roles.includes('agent')) agentNames.push(name);
  }
  // The masters' files are all read before anything is asked (they are few): a build directory that
  // is not mesosgen's stops the run before the first request. An agent's are read at its turn.
  const masterHosts = masterNames.map((name) => expect(side.loadHost(name)));
  const masters = new Map<string, HostExpectation>();
  const leaders = new Set<string>();
  const zookeeperModes: Array<string | undefined> = [];
  let marathonAt: { endpoint: Endpoint; credentials?: string } | undefined;
  let chronosAt: { endpoint: Endpoint; credentials?: string } | undefined;
  const chronosApi = isChronos3(versions.chronos) ? '/v1/scheduler' : '/scheduler';
  await runPooled(masterHosts, options.parallel, async (host) => {
    const mesos = at(host, 'mesos-master', host.ports.master ?? 5050);
    masters.set(`${host.ip}:${mesos.port}`, host);
    if (wants('mesos-master')) {
      await checkMesosFlags(ctx, mesos, host.master!, mesosAuth);
      await checkMesosVersion(ctx, mesos, versions.mesos, mesosAuth);
    }
    if (wants('mesos-master') || wants('mesos-agent')) {
      const leader = await askMesosLeader(ctx, mesos, mesosAuth);
      if (leader !== undefined) leaders.add(leader);
    }
    if (wants('zookeeper') && host.zookeeper)
      zookeeperModes.push(await checkZookeeperMember(ctx, at(host, 'zookeeper', host.zookeeper.port), host, masterNames.length));
    if (wants('marathon') && host.marathon) {
      const endpoint = at(host, 'marathon', host.marathon.port);
      if ((await checkMarathonInfo(ctx, endpoint, host)) && !marathonAt) marathonAt = { endpoint, credentials: host.marathon.credentials };
    }
    if (wants('chronos') && host.chronos) {
      const endpoint = at(host, 'chronos', host.chronos.port);
      const credentials = host.chronos.credentials;
      if ((await checkChronosReachable(ctx, endpoint, chronosApi, credentials)) && !chronosAt) chronosAt = { endpoint, credentials };
    }
  });
  if (wants('zookeeper')) checkZookeeperLeaders(ctx, zookeeperModes);

  // 2. The cluster as a whole: the leader's registered agents, Marathon's apps, Chronos' jobs.
  const leader = [...leaders].sort().find((l) => masters.has(l));
  for (const l of leaders)
    if (!masters.has(l))
      ctx.add({ host: 'cluster', component: 'mesos-master', code: 'V_NO_LEADER', key: 'leader', expected: 'a master of the build', found: showValue(l) });
  let registered: Map<string, RegisteredAgent> | undefined;
  if (wants('mesos-agent') && leader !== undefined && agentNames.length > 0) {
    const host = masters.get(leader)!;
    // About 2 KiB per agent in /master/slaves; the cap leaves room for agents the build does not have.
    const maxBytes = 16 * 1024 * 1024 + agentNames.length * 16 * 1024;
    registered = await listRegisteredAgents(ctx, at(host, 'mesos-master', host.ports.master ?? 5050), maxBytes, mesosAuth);
  }
  if (marathonAt) await checkMarathonApps(ctx, marathonAt.endpoint, apps, marathonAt.credentials);
  if (chronosAt) await checkChronosJobs(ctx, chronosAt.endpoint, chronosApi, jobs, chronosAt.credentials);

  // 3. Every agent: its flags and its registration.
  if (wants('mesos-agent')) {
    await runPooled(agentNames, options.parallel, async (name) => {
      const host = expect(side.loadHost(name));
      await checkMesosFlags(ctx, at(host, 'mesos-agent', host.ports.agent ?? 5051), host.agent!, mesosAuth);
      if (registered) checkRegistration(ctx, host, registered);
    });
    for (const agent of registered?.values() ?? [])
      ctx.add({
        host: 'cluster', component: 'mesos-agent', code: 'V_AGENT_EXTRA',
        key: showValue(agent.pid), expected: '(absent)', found: showValue(`${String(agent.hostname)} (${agent.pid})`),
      });
  }
  const order = new Map(side.hostNames.map((name, i) => [name, i]));
  const rank = (f: Finding) => order.get(f.host) ?? side.hostNames.length;
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  findings.sort((a, b) => rank(a) - rank(b) || byText(a.component, b.component) || byText(a.code, b.code) || byText(a.key, b.key));
  return { build: options.build, cluster: side.cluster, hosts: side.hostNames.length, findings };
}

// The operator's principal:secret (rollout.sh's --mesos-credentials file) as a basic-auth header.
function readOperatorCredentials(path: string): string {
  let text: string;
  try {
    text = readRegularFile(path, MAX_SECRET_BYTES).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw new UsageError(`--mesos-credentials ${path}: ${err.reason}`);
    throw err;
  }
  const line = text.replace(/\r?\n$/, '');
  // Neither the secret nor any part of it is shown.
  if (!/^[^:]+:.+$/.test(line) || findUnsafeChar(line) >= 0) throw new UsageError(`--mesos-credentials ${path}: expected one line principal:secret`);
  return `Basic ${Buffer.from(line).toString('base64')}`;
}
