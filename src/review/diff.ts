// Compares two sides host by host: which generated files change, which units that restarts, and the
// risks of the change. Pure apart from reading the sides' files; returns the report as data.
import { escapeForMessage } from '../util/text.js';
import { formatPatch, structuredPatch } from 'diff';
import { SECRET_MODE, type HostPorts, type Role } from '../plan/model.js';
import { byteOrder } from '../util/order.js';
import { assessRisks, factsOf, removedWorkloads, type HostFacts, type Risk } from './risks.js';
import type { Side, SideFile } from './side-types.js';

export interface FileChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Unified diff; absent for secret (mode 0600) and binary files, which are only named. */
  patch?: string;
  secret?: true;
  binary?: true;
}

export interface HostChange {
  name: string;
  ip: string;
  status: 'added' | 'removed' | 'changed';
  /** The host's roles: NEW's, or OLD's for a removed host. */
  roles: Role[];
  /** The ports its roles listen on, from the same side as `roles`. */
  ports: HostPorts;
  files: FileChange[];
  /** Units to restart (or start, or stop for a removed host), in start order. */
  restart: string[];
  notes: Risk[];
}

export interface DiffReport {
  old: string;
  new: string;
  hosts: HostChange[];
  cluster: FileChange[];
  risks: Risk[];
  /** Apps (ids) and jobs (names) OLD deploys and NEW does not. */
  removed: { apps: string[]; jobs: string[] };
  /** NEW's cluster name. */
  clusterName: string;
  /** NEW's hosts counted by their roles (each set of roles once, in the order first seen), changed or not. */
  census: Array<{ roles: Role[]; hosts: number }>;
}

export interface DiffOptions {
  allowRenumber?: boolean;
}

/** Compares OLD with NEW. Hosts come in name order; only hosts with a change are listed. */
export function diffSides(oldSide: Side, newSide: Side, options: DiffOptions = {}): DiffReport {
  const names = [...new Set([...oldSide.hostNames, ...newSide.hostNames])].sort(byteOrder);
  const oldNames = new Set(oldSide.hostNames);
  const newNames = new Set(newSide.hostNames);
  const hosts: HostChange[] = [];
  const oldFacts: HostFacts[] = [];
  const newFacts: HostFacts[] = [];
  const census = new Map<string, { roles: Role[]; hosts: number }>();
  for (const name of names) {
    // One host of each side in memory at a time.
    const before = oldNames.has(name) ? oldSide.loadHost(name) : undefined;
    const after = newNames.has(name) ? newSide.loadHost(name) : undefined;
    if (before) oldFacts.push(factsOf(before));
    if (after) newFacts.push(factsOf(after));
    if (after) countRoles(census, after.roles);
    // Paths as a build directory lays them out, so that the patch applies inside a copy of OLD's build.
    const files = diffFiles(before?.files ?? new Map<string, SideFile>(), after?.files ?? new Map<string, SideFile>(), `hosts/${name}`);
    if (files.length === 0 && before && after && before.enable.join() === after.enable.join()) continue;
    const status = !before ? 'added' : !after ? 'removed' : 'changed';
    const units = after?.enable ?? before?.enable ?? [];
    // Who reads a changed file, as render declared it on either side; a build directory whose
    // manifest predates readers cannot say, and then every unit of the host counts.
    const reads = (path: string, unit: string) =>
      [before?.files.get(path), after?.files.get(path)].some((f) => f !== undefined && (f.readers === undefined || f.readers.includes(unit)));
    const restart =
      status === 'changed' && files.some((f) => f.path.startsWith('packages/')) ? units
      : status === 'changed' ? units.filter((u) => files.some((f) => reads(f.path, u)) || !before!.enable.includes(u))
      : units;
    // A new or removed agent has no checkpointed info to contradict.
    const notes = hostNotes(name, status === 'changed' ? files : files.filter((f) => f.secret));
    const side = (after ?? before)!;
    hosts.push({ name, ip: side.ip, status, roles: side.roles, ports: side.ports, files, restart, notes });
  }
  const removed = removedWorkloads(oldSide.clusterFiles, newSide.clusterFiles, oldSide.label);
  return {
    old: oldSide.label,
    new: newSide.label,
    hosts,
    cluster: diffFiles(oldSide.clusterFiles, newSide.clusterFiles, 'cluster'),
    risks: [...assessRisks(oldFacts, newFacts, options.allowRenumber ?? false), ...removed.risks],
    removed: { apps: removed.apps, jobs: removed.jobs },
    clusterName: newSide.cluster,
    census: [...census.values()],
  };
}

function countRoles(census: Map<string, { roles: Role[]; hosts: number }>, roles: Role[]): void {
  const sorted = [...roles].sort(byteOrder);
  const key = sorted.join('+');
  const group = census.get(key);
  if (group) group.hosts++;
  else census.set(key, { roles: sorted, hosts: 1 });
}

function diffFiles(before: Map<string, SideFile>, after: Map<string, SideFile>, prefix: string): FileChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort(byteOrder);
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (a && b && a.mode === b.mode && a.digest() === b.digest()) continue;
    const change = !a ? 'added' : !b ? 'removed' : 'changed';
    const secret = a?.mode === SECRET_MODE || b?.mode === SECRET_MODE;
    const aText = a?.read();
    const bText = b?.read();
    const binary = path.startsWith('packages/') || [aText, bText].some((t) => t?.includes(0));
    if (secret) changes.push({ path, change, secret: true });
    else if (binary) changes.push({ path, change, binary: true });
    else
      changes.push({
        path,
        change,
        patch: unifiedDiff(escapeForMessage(`${prefix}/${path}`), aText?.toString('utf8'), bText?.toString('utf8'), a?.mode, b?.mode),
      });
  }
  return changes;
}

/**
 * A unified diff without timestamps, formatted by the diff library (so `patch -p1` and `git apply`
 * both take it: an added file is `--- /dev/null` with `@@ -0,0 +1,N @@`); a mode change is stated
 * in a line before it, which both tools pass over.
 */
export function unifiedDiff(name: string, before: string | undefined, after: string | undefined, modeA?: number, modeB?: number): string {
  const oldName = before === undefined ? '/dev/null' : `a/${name}`;
  const newName = after === undefined ? '/dev/null' : `b/${name}`;
  const patch = formatPatch(structuredPatch(oldName, newName, before ?? '', after ?? '', undefined, undefined, { context: 3 }));
  // The library starts with a separator line of "="; the review shows files one after another.
  const text = patch.slice(patch.indexOf('--- '));
  const mode = modeA !== undefined && modeB !== undefined && modeA !== modeB ? `mode ${modeA.toString(8)} -> ${modeB.toString(8)}\n` : '';
  return mode + text;
}

/**
 * Whether a change of these files makes an agent register anew: its resources, attributes, hostname
 * or port (its AgentInfo) differ from what it checkpointed, and Mesos' default reconfiguration
 * policy (`equal`) refuses to recover with different info.
 */
export function reregistersAgent(files: readonly { path: string }[]): boolean {
  return files.some((f) => /^rootfs\/etc\/mesos-slave\/(resources\/|attributes\/|hostname$|port$)/.test(f.path));
}

function hostNotes(host: string, files: FileChange[]): Risk[] {
  const notes: Risk[] = [];
  if (reregistersAgent(files)) {
    notes.push({
      severity: 'warning',
      code: 'R_AGENT_INFO_CHANGED',
      host,
      message:
        "the agent's resources, attributes, hostname or port change: a restarted agent whose checkpointed info " +
        'differs refuses to recover, so the rollout drains it first (its tasks are killed within the grace ' +
        'period and rescheduled elsewhere), removes <work_dir>/meta/slaves/latest and checks it registers anew',
    });
  }
  const secrets = files.filter((f) => f.secret);
  if (secrets.length > 0) {
    notes.push({ severity: 'note', code: 'R_SECRET_CHANGED', host, message: `secret file(s) changed, not shown: ${secrets.map((f) => f.path).join(', ')}` });
  }
  return notes;
}
