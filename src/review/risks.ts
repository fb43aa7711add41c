// Risk rules of a change, each with a stable code like the validator's: what a reviewer must know
// before rolling a change out. Messages live here, one catalogue for the review commands.
import { escapeForMessage } from '../util/text.js';
import type { SideHost } from './side-types.js';

export type RiskSeverity = 'error' | 'warning' | 'note';

export interface Risk {
  severity: RiskSeverity;
  code: string;
  host?: string;
  message: string;
  /** Steps to follow, in order (the documented procedure), when there is one. */
  steps?: string[];
}

/** What the risk rules need of each host on each side. */
export interface HostFacts {
  name: string;
  ip: string;
  isMaster: boolean;
  zookeeperId?: number;
}

export function factsOf(host: SideHost): HostFacts {
  const myid = host.files.get('rootfs/etc/zookeeper/conf/myid');
  return {
    name: host.name,
    ip: host.ip,
    isMaster: host.roles.includes('master'),
    zookeeperId: myid ? Number(myid.read().toString('utf8').trim()) : undefined,
  };
}

const majority = (n: number) => Math.floor(n / 2) + 1;

/**
 * Cluster-wide risks between two sides' facts. `allowRenumber` turns a changed zookeeperId from an
 * error into a warning. Never throws.
 */
export function assessRisks(oldHosts: HostFacts[], newHosts: HostFacts[], allowRenumber: boolean): Risk[] {
  const risks: Risk[] = [];
  const oldByName = new Map(oldHosts.map((h) => [h.name, h]));
  for (const h of newHosts) {
    const before = oldByName.get(h.name);
    if (before?.isMaster && h.isMaster && before.zookeeperId !== h.zookeeperId) {
      risks.push({
        severity: allowRenumber ? 'warning' : 'error',
        code: 'R_ZKID_RENUMBERED',
        host: h.name,
        message: `zookeeperId changes from ${before.zookeeperId} to ${h.zookeeperId}: the member rejoins under another id and its old id's votes and data are orphaned, which breaks the ensemble${allowRenumber ? ' (allowed by --allow-renumber)' : '; keep the id, or pass --allow-renumber after planning a full ensemble restart'}`,
      });
    }
  }
  const oldMasters = oldHosts.filter((h) => h.isMaster);
  const newMasters = newHosts.filter((h) => h.isMaster);
  const key = (h: HostFacts) => `${h.name}@${h.ip}`;
  const kept = newMasters.filter((h) => oldMasters.some((o) => key(o) === key(h)));
  const added = newMasters.filter((h) => !oldMasters.some((o) => key(o) === key(h)));
  const gone = oldMasters.filter((o) => !newMasters.some((h) => key(o) === key(h)));
  if (added.length > 0 || gone.length > 0) {
    const [n, m] = [oldMasters.length, newMasters.length];
    const steps =
      m >= n
        ? [
            `restart the ${kept.length} kept master(s) one at a time (non-leaders first) with quorum ${majority(m)} and the new ZooKeeper member list, each healthy before the next`,
            ...(gone.length > 0 ? [`stop and disable ZooKeeper and mesos-master on ${gone.map((h) => h.name).join(', ')}`] : []),
            `then start the new master(s) ${added.map((h) => h.name).join(', ')}, one at a time`,
          ]
        : [
            `stop and disable ZooKeeper and mesos-master on the removed master(s) ${gone.map((h) => h.name).join(', ')} first`,
            `then restart the ${kept.length} kept master(s) one at a time (non-leaders first) with quorum ${majority(m)}`,
            ...(added.length > 0 ? [`then start the new master(s) ${added.map((h) => h.name).join(', ')}`] : []),
          ];
    risks.push({
      severity: 'warning',
      code: 'R_MASTER_SET_CHANGED',
      message: `the masters change from ${n} to ${m} (quorum ${majority(n)} -> ${majority(m)}); more masters running than the quorum expects can corrupt the replicated log, so follow Mesos' procedure`,
      steps,
    });
    const tolerated = Math.floor((n - 1) / 2);
    const lost = gone.length;
    if (lost > tolerated) {
      risks.push({
        severity: 'warning',
        code: 'R_ZK_MEMBERS_LOST',
        message: `${lost} of ${n} ZooKeeper members are removed or readdressed, more than the ${tolerated} the ensemble can lose at once; ZooKeeper and the masters lose their quorum until the new members are up, so change at most ${tolerated || 'no'} member(s) per rollout`,
      });
    }
    if (m % 2 === 0 && m !== n) {
      risks.push({ severity: 'warning', code: 'R_MASTERS_EVEN', message: `${m} masters tolerate no more failures than ${m - 1}; use an odd number` });
    }
  }
  return risks;
}

/**
 * Apps and jobs that OLD deploys and NEW does not. deploy.sh only creates and updates, so each of
 * them would keep running unnoticed: named here with the API call that removes it. Never throws (a
 * body that is not JSON is named by its file).
 */
export function removedWorkloads(before: Map<string, { read: () => Buffer }>, after: ReadonlyMap<string, unknown>): { risks: Risk[]; apps: string[]; jobs: string[] } {
  const risks: Risk[] = [];
  const apps: string[] = [];
  const jobs: string[] = [];
  for (const [path, file] of before) {
    if (after.has(path)) continue;
    const kind = path.startsWith('marathon/apps/') ? 'app' : path.startsWith('chronos/jobs/') ? 'job' : undefined;
    if (!kind) continue;
    let name = path;
    try {
      const body = JSON.parse(file.read().toString('utf8')) as { id?: unknown; name?: unknown };
      // From a build directory, which is untrusted: printed escaped, never as raw control characters.
      name = escapeForMessage(String((kind === 'app' ? body.id : body.name) ?? path));
    } catch {
      // the file name stands in for the id
    }
    (kind === 'app' ? apps : jobs).push(name);
    const call = kind === 'app' ? `DELETE /v2/apps${name.startsWith('/') ? '' : '/'}${name} on the Marathon leader` : `DELETE the job ${name} through the Chronos leader's scheduler API (/scheduler/job/${name}, /v1/scheduler/job/${name} on Chronos 3)`;
    risks.push({
      severity: 'warning',
      code: kind === 'app' ? 'R_APP_REMOVED' : 'R_JOB_REMOVED',
      message: `${kind} ${name} is deployed by OLD but not by NEW: the deploy.sh that \`mesosgen plan\` writes deletes it; a plain build's deploy.sh does not, so then ${call}`,
    });
  }
  return { risks, apps, jobs };
}
