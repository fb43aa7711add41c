// Facts that follow from the pinned versions and the master count, each decided in one place: the
// rules, the plan and the review ask here instead of comparing versions themselves.
import { compareVersions, minorOf } from '../util/version.js';

/** The smallest quorum that is a majority of `masters` (Mesos' replicated log needs one). */
export function majorityOf(masters: number): number {
  return Math.floor(masters / 2) + 1;
}

/**
 * Whether the pinned Marathon reads its settings from /etc/default/marathon (environment variables,
 * 1.5 and later) rather than one file per flag in /etc/marathon/conf (1.4, which 1.5 ignores).
 */
export function marathonReadsEnvFile(marathonVersion: string): boolean {
  return compareVersions(minorOf(marathonVersion), '1.5') >= 0;
}

/** Whether the pinned Marathon takes `networks` and container.portMappings (1.5 and later). */
export function marathonHasCanonicalNetworks(marathonVersion: string): boolean {
  return compareVersions(minorOf(marathonVersion), '1.5') >= 0;
}

/** Whether the pinned Chronos is 3.x: its API under /v1 and tighter job names. */
export function isChronos3(chronosVersion: string): boolean {
  return compareVersions(minorOf(chronosVersion), '3.0') >= 0;
}

/** Whether the ZooKeeper release line has the AdminServer (3.5 and later; it takes port 8080). */
export function zookeeperHasAdminServer(zookeeperVersion: string): boolean {
  return compareVersions(zookeeperVersion, '3.5') >= 0;
}
