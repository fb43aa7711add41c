// An ordered rollout for a change: masters one at a time (the ZooKeeper and Mesos leaders last,
// found when the rollout runs), new or removed masters as Mesos' quorum procedure says, agents in
// batches, frameworks (apps and jobs) last. Each step names its hosts, what runs there, and the
// health gate that must pass before the next step.
import type { ClusterPlan, HostPorts, Role } from '../plan/model.js';
import { reregistersAgent, type DiffReport } from './diff.js';

export type StepKind = 'order' | 'master' | 'remove' | 'agents' | 'frameworks';

export interface RolloutStep {
  number: number;
  kind: StepKind;
  /** What a reader sees in rollout.md and the log. */
  title: string;
  /** Host names; for `master` steps the candidates, ordered leader-last when the rollout runs. */
  hosts: string[];
  /** Agents of an `agents` step drained through the leading master before they are updated. */
  drain: string[];
  /** What runs, as rollout.sh does it. */
  command: string;
  gate: string;
  /** The gate in a few words: the label of the step's way out in the diagram. */
  brief: string;
}

export interface RolloutPlan {
  cluster: string;
  steps: RolloutStep[];
  /** Facts the executors need per host (NEW's hosts, then the removed ones): address, roles, the ports its gates probe. */
  hosts: RolloutHost[];
  /**
   * Agents whose change makes them register anew (reregistersAgent), with the work_dir that holds
   * their checkpointed info: drained (DRAIN_AGENT, Mesos 1.9+) before they are updated.
   */
  drains: Array<{ host: string; workDir: string }>;
  /** The masters require HTTP authentication for the operator API's calls (authenticate_http_readwrite/readonly). */
  operatorAuth: boolean;
}

export interface RolloutHost {
  name: string;
  ip: string;
  roles: Role[];
  removed: boolean;
  zkPort: number;
  masterPort: number;
  agentPort: number;
  /** The units it runs (NEW) or ran (removed), in start order. Ports are 0 for roles it does not have. */
  units: string[];
}

/**
 * Orders the rollout of `report` (OLD -> NEW). `batch` is the number of agents per step; by default
 * 10% of the agents, at least 1. Hosts without a change get no step.
 */
export function planRollout(report: DiffReport, next: ClusterPlan, batch?: number): RolloutPlan {
  // One pass over NEW's hosts (each is planned as it is reached): keep only the facts needed here.
  const current: Array<Omit<RolloutHost, 'zkPort' | 'masterPort' | 'agentPort'> & { ports: HostPorts }> = [];
  const workDirs = new Map<string, string>();
  let operatorAuth = false;
  for (const h of next.hosts) {
    current.push({ name: h.name, ip: h.ip, roles: h.roles, removed: false, units: h.systemd.enable, ports: h.ports });
    const workDir = h.agent?.flags.find((f) => f.name === 'work_dir')?.value;
    if (workDir !== undefined) workDirs.set(h.name, workDir);
    operatorAuth ||= h.master?.flags.some((f) => /^authenticate_http(_readwrite|_readonly)?$/.test(f.name) && f.value !== 'false') ?? false;
  }
  const byName = new Map(current.map((h) => [h.name, h]));
  const changed = report.hosts.filter((h) => h.status !== 'removed');
  const removed = report.hosts.filter((h) => h.status === 'removed');
  const isMaster = (name: string) => byName.get(name)?.roles.includes('master') ?? false;
  const keptMasters = changed.filter((h) => h.status === 'changed' && isMaster(h.name)).map((h) => h.name);
  const newMasters = changed.filter((h) => h.status === 'added' && isMaster(h.name)).map((h) => h.name);
  const agents = changed.filter((h) => !isMaster(h.name)).map((h) => h.name);
  // Only a registered agent (one OLD had too) can be drained; a new one has nothing to drain.
  const drains = changed
    .filter((h) => h.status === 'changed' && !isMaster(h.name) && reregistersAgent(h.files))
    .map((h) => ({ host: h.name, workDir: workDirs.get(h.name) ?? '' }))
    .filter((d) => d.workDir !== '');
  const draining = new Set(drains.map((d) => d.host));
  const masterCount = current.filter((h) => h.roles.includes('master')).length;
  const shrinking = report.risks.some((r) => r.code === 'R_MASTER_SET_CHANGED') && removed.length > 0 && newMasters.length === 0;
  const steps: Array<Omit<RolloutStep, 'number'>> = [];
  const install = 'send tarballs/<host>.tar.gz over ssh, then `tar -xzf` and `sudo ./<host>/install.sh`';
  const removeStep = () =>
    removed.length > 0 &&
    steps.push({
      kind: 'remove',
      title: `stop and disable every mesosgen unit on the removed host(s) ${removed.map((h) => h.name).join(', ')}`,
      hosts: removed.map((h) => h.name),
      command: '`sudo systemctl disable --now <its units>`',
      gate: 'the units are stopped',
      brief: 'units stopped',
      drain: [],
    });
  // Mesos' procedure: shrinking stops the removed masters first, growing restarts the kept ones first.
  if (shrinking) removeStep();
  if (keptMasters.length > 0) {
    steps.push({
      kind: 'order',
      title: 'find the ZooKeeper and Mesos leaders, so the leading master is updated last',
      hosts: keptMasters,
      command: 'ask each master for ZooKeeper `srvr` mode and `master/elected`',
      gate: 'none',
      brief: 'leaders known',
      drain: [],
    });
    keptMasters.forEach((_, k) =>
      steps.push({
        kind: 'master',
        title: `master ${k + 1} of ${keptMasters.length}, non-leaders first`,
        hosts: keptMasters,
        command: install,
        gate: masterGate(masterCount),
        brief: MASTER_BRIEF,
        drain: [],
      }),
    );
  }
  for (const name of newMasters) {
    steps.push({ kind: 'master', title: `new master ${name}`, hosts: [name], command: install, gate: masterGate(masterCount), brief: MASTER_BRIEF, drain: [] });
  }
  if (!shrinking) removeStep();
  const size = Math.max(1, batch ?? Math.ceil(agents.length / 10));
  for (let i = 0; i < agents.length; i += size) {
    const group = agents.slice(i, i + size);
    const which = group.length === 1 ? `agent ${i + 1} of ${agents.length}` : `agents ${i + 1}-${i + group.length} of ${agents.length}`;
    const drain = group.filter((h) => draining.has(h));
    steps.push({
      kind: 'agents',
      title: drain.length > 0 ? `${which}, draining ${drain.join(', ')} first` : which,
      hosts: group,
      command:
        (drain.length > 0
          ? 'drain ' + drain.join(', ') + ' through the leading master (DRAIN_AGENT, mark_gone), wait until drained, stop mesos-slave ' +
            'and remove <work_dir>/meta/slaves/latest; then '
          : '') + `${install}, on these hosts in parallel`,
      gate:
        'each agent answers /health and is registered with the leading master' + (drain.length > 0 ? '; a drained agent under a new agent id' : ''),
      brief: drain.length > 0 ? 'agents healthy, registered anew' : 'agents healthy and registered',
      drain,
    });
  }
  if (workloadChanges(report) > 0)
    steps.push({
      kind: 'frameworks',
      title: 'apps and jobs',
      hosts: [],
      command: '`cluster/deploy.sh`',
      gate: 'every deployment finished, every job saved',
      brief: 'deployed',
      drain: [],
    });
  const facts = [
    ...current,
    ...removed.map((h) => ({ name: h.name, ip: h.ip, roles: h.roles, removed: true, units: h.restart, ports: h.ports })),
  ];
  return {
    cluster: next.name,
    steps: steps.map((s, i) => ({ ...s, number: i + 1 })),
    // 0: a port of a role the host does not have (the executors read ports by role only).
    hosts: facts.map(({ ports, ...f }) => ({ ...f, zkPort: ports.zookeeper ?? 0, masterPort: ports.master ?? 0, agentPort: ports.agent ?? 0 })),
    drains,
    operatorAuth,
  };
}

const MASTER_BRIEF = 'ZooKeeper in the ensemble, master healthy, leader elected';

/** How many app and job files change: deploy.sh's own text (a comment, the master list) changing is no reason to redeploy. */
export function workloadChanges(report: DiffReport): number {
  return report.cluster.filter((f) => f.path !== 'deploy.sh').length;
}

function masterGate(masters: number): string {
  return (
    `ZooKeeper answers srvr as leader or follower${masters > 1 ? '' : ' (standalone)'}, mesos-master ` +
    `answers /health, and a leading master is elected (/master/redirect)`
  );
}
