// Rules about Docker, Marathon and Chronos, and the ZooKeeper chroots they share with Mesos.
import { marathonReadsEnvFile, zookeeperHasAdminServer } from '../spec/versions.js';
import { parseDuration } from '../catalogue/flag-types.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

/** Marathon's default task_launch_timeout in ms (MarathonConf.scala). */
const MARATHON_TASK_LAUNCH_TIMEOUT = 300_000;
/** Marathon's docs (native-docker.md) advise this executor_registration_timeout for Docker agents. */
const DOCKER_EXECUTOR_TIMEOUT_MS = 600_000;

interface Chroot {
  field: string;
  path: string;
}

/** The chroots in use: Mesos' always, Marathon's and Chronos' when they run. */
function chrootsOf(spec: ResolvedSpec): Chroot[] {
  return [
    { field: '/zookeeper/mesosPath', path: spec.zookeeper.mesosPath },
    ...(spec.marathon.enabled ? [{ field: '/marathon/zkPath', path: spec.marathon.zkPath }] : []),
    ...(spec.chronos.enabled ? [{ field: '/chronos/zkPath', path: spec.chronos.zkPath }] : []),
  ];
}

/** Why `path` is not a usable chroot, or undefined when it is. */
function describeChrootError(path: string, owner: string): string | undefined {
  return path === '/' ? `is the root; use a chroot such as /${owner}`
    : !path.startsWith('/') ? `must be absolute, e.g. /${owner}`
    : path.endsWith('/') ? 'must not end with "/"'
    : !/^(\/[A-Za-z0-9_.-]+)+$/.test(path) ? 'may only contain letters, digits, "_", "." and "-" between slashes'
    : /(^|\/)\.\.?(\/|$)/.test(path) ? 'must not contain "." or ".." segments'
    : path === '/zookeeper' || path.startsWith('/zookeeper/') ? `is reserved by ZooKeeper; use /${owner}`
    : undefined;
}

export const zookeeperPathsAreChroots: Rule = ({ spec, report }) => {
  const roots = chrootsOf(spec);
  const valid: Chroot[] = [];
  for (const root of roots) {
    const owner = root.field.split('/')[1] === 'zookeeper' ? 'mesos' : root.field.split('/')[1];
    const why = describeChrootError(root.path, owner);
    if (why) report(diagnose('E_ZK_PATH_INVALID', root.field, { path: root.path, why }));
    else valid.push(root);
  }
  // Equal or nested chroots would mix two programs' znodes (and their leader elections).
  valid.forEach((root, k) => {
    const other = valid.slice(0, k).find((o) => root.path === o.path || root.path.startsWith(o.path + '/') || o.path.startsWith(root.path + '/'));
    if (other) report(diagnose('E_ZK_PATH_OVERLAP', root.field, { path: root.path, other: other.path, otherField: other.field }));
  });
};

export const dockerIsEnabledWhenUsed: Rule = ({ spec, report }) => {
  if (!spec.docker.enabled && spec.mesos.agent.containerizers.includes('docker')) report(diagnose('E_DOCKER_DISABLED', '/docker/enabled', {}));
};

export const timeoutsAllowImagePulls: Rule = ({ spec, report }) => {
  const value = spec.mesos.agent.executorRegistrationTimeout;
  const executorMs = parseDuration(value);
  if (executorMs === undefined) return;
  if (spec.mesos.agent.containerizers.includes('docker') && executorMs < DOCKER_EXECUTOR_TIMEOUT_MS) {
    report(diagnose('W_EXECUTOR_TIMEOUT_SHORT', '/mesos/agent/executorRegistrationTimeout', { value }));
  }
  const launch = spec.marathon.flags.task_launch_timeout ?? MARATHON_TASK_LAUNCH_TIMEOUT;
  if (!spec.marathon.enabled || typeof launch !== 'number' || launch >= executorMs) return;
  const path = spec.marathon.flags.task_launch_timeout === undefined ? '/marathon/flags' : '/marathon/flags/task_launch_timeout';
  report(diagnose('W_TASK_LAUNCH_TIMEOUT_SHORT', path, { launch, executor: value, executorMs: Math.ceil(executorMs) }));
};

export const marathonValuesFitEnvFile: Rule = ({ spec, report }) => {
  // Marathon 1.5+ reads /etc/default/marathon, where values are single-quoted; 1.4 reads whole files.
  if (!spec.marathon.enabled || !marathonReadsEnvFile(spec.versions.marathon)) return;
  for (const [flag, value] of Object.entries(spec.marathon.flags)) {
    if (typeof value === 'string' && /['\\]/.test(value)) report(diagnose('E_MARATHON_VALUE_UNSAFE', toPointer('marathon', 'flags', flag), { flag }));
  }
};

export const adminServerExists: Rule = ({ spec, report }) => {
  const version = spec.versions.zookeeper;
  if (spec.zookeeper.adminServer.enabled && !zookeeperHasAdminServer(version)) {
    report(diagnose('W_ADMIN_SERVER_UNAVAILABLE', '/zookeeper/adminServer/enabled', { version }));
  }
};
