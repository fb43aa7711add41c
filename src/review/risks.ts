// Risk rules of a change, each with a stable code like the validator's: what a reviewer must know
// before rolling a change out. Messages live here, one catalogue for the review commands.
import { majorityOf } from '../spec/versions.js';
import { absoluteAppId, appFileName, describeAppIdError, describeJobNameError, jobFileName } from '../spec/workloads.js';
import { UsageError } from '../util/errors.js';
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

/** The facts of a side's host: carried by the plan or the manifest, never parsed from its files. */
export function factsOf(host: SideHost): HostFacts {
  return { name: host.name, ip: host.ip, isMaster: host.roles.includes('master'), zookeeperId: host.zookeeperId };
}


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
        message:
          `zookeeperId changes from ${before.zookeeperId} to ${h.zookeeperId}: the member rejoins under ` +
          `another id and its old id's votes and data are orphaned, which breaks the ` +
          `ensemble${allowRenumber ? ' (allowed by --allow-renumber)' : '; keep the id, or pass --allow-renumber after planning a full ensemble restart'}`,
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
            `restart the ${kept.length} kept master(s) one at a time (non-leaders first) with quorum ` +
            `${majorityOf(m)} and the new ZooKeeper member list, each healthy before the next`,
            ...(gone.length > 0 ? [`stop and disable ZooKeeper and mesos-master on ${gone.map((h) => h.name).join(', ')}`] : []),
            `then start the new master(s) ${added.map((h) => h.name).join(', ')}, one at a time`,
          ]
        : [
            `stop and disable ZooKeeper and mesos-master on the removed master(s) ${gone.map((h) => h.name).join(', ')} first`,
            `then restart the ${kept.length} kept master(s) one at a time (non-leaders first) with quorum ${majorityOf(m)}`,
            ...(added.length > 0 ? [`then start the new master(s) ${added.map((h) => h.name).join(', ')}`] : []),
          ];
    risks.push({
      severity: 'warning',
      code: 'R_MASTER_SET_CHANGED',
      message:
        `the masters change from ${n} to ${m} (quorum ${majorityOf(n)} -> ${majorityOf(m)}); more masters ` +
        `running than the quorum expects can corrupt the replicated log, so follow Mesos' procedure`,
      steps,
    });
    const tolerated = Math.floor((n - 1) / 2);
    const lost = gone.length;
    if (lost > tolerated) {
      risks.push({
        severity: 'warning',
        code: 'R_ZK_MEMBERS_LOST',
        message:
          `${lost} of ${n} ZooKeeper members are removed or readdressed, more than the ${tolerated} the ` +
          `ensemble can lose at once; ZooKeeper and the masters lose their quorum until the new members are ` +
          `up, so change at most ${tolerated || 'no'} member(s) per rollout`,
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
 * them would keep running unnoticed: named here with the API call that removes it, and handed to
 * plan's deploy.sh, which deletes them. OLD may be a build directory, which is untrusted: each body
 * must be JSON whose id (or job name) is one Marathon (or Chronos) accepts and that the body's own
 * file name stands for, so a tampered body can neither delete an app NEW keeps nor step out of
 * /v2/apps with "..". Throws UsageError naming the file otherwise.
 */
export function removedWorkloads(
  before: Map<string, { read: () => Buffer }>,
  after: ReadonlyMap<string, unknown>,
  label: string,
): { risks: Risk[]; apps: string[]; jobs: string[] } {
  const risks: Risk[] = [];
  const apps: string[] = [];
  const jobs: string[] = [];
  for (const [path, file] of before) {
    if (after.has(path)) continue;
    const kind = path.startsWith('marathon/apps/') ? 'app' : path.startsWith('chronos/jobs/') ? 'job' : undefined;
    if (!kind) continue;
    const name = removedName(kind, path, file.read(), label);
    (kind === 'app' ? apps : jobs).push(name);
    const call =
      kind === 'app'
        ? `DELETE /v2/apps${name} on the Marathon leader`
        : `DELETE the job ${name} through the Chronos leader's scheduler API (/scheduler/job/${name}, /v1/scheduler/job/${name} on Chronos 3)`;
    risks.push({
      severity: 'warning',
      code: kind === 'app' ? 'R_APP_REMOVED' : 'R_JOB_REMOVED',
      message:
        `${kind} ${name} is deployed by OLD but not by NEW: the deploy.sh that \`mesosgen plan\` writes ` +
        `deletes it; a plain build's deploy.sh does not, so then ${call}`,
    });
  }
  return { risks, apps, jobs };
}

// The app id (absolute) or job name a body of OLD deploys, checked as described above.
function removedName(kind: 'app' | 'job', path: string, content: Buffer, label: string): string {
  // Everything here came from the build directory: escaped, so it cannot forge lines or send escapes.
  const refuse = (why: string) =>
    new UsageError(
      `${label}: cluster/${path} ${escapeForMessage(why)}; refusing to plan its deletion (was the build directory changed after mesosgen wrote it?)`,
    );
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch {
    throw refuse('is not JSON');
  }
  const field = kind === 'app' ? 'id' : 'name';
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string') throw refuse(`has no string "${field}"`);
  const shown = escapeForMessage(JSON.stringify(value));
  const why = kind === 'app' ? describeAppIdError(value) : describeJobNameError(value);
  if (why !== undefined) throw refuse(`holds the ${kind} ${field} ${shown}, which ${kind === 'app' ? 'Marathon refuses: it ' : 'Chronos refuses: '}${why}`);
  const expected = kind === 'app' ? appFileName(value) : jobFileName(value);
  if (path.slice(path.lastIndexOf('/') + 1) !== expected)
    throw refuse(`holds the ${kind} ${field} ${shown}, which mesosgen writes to ${expected}, not to this file`);
  return kind === 'app' ? absoluteAppId(value) : value;
}
