// The flags each daemon of a built host starts with, read from the host's files the way its launcher
// reads them: mesos-init-wrapper (/etc/default/mesos{,-master,-slave} sourced with allexport, the
// variables it maps to flags, then one flag per file in /etc/mesos-{master,slave}/), Marathon's
// MARATHON_* environment (1.5+) or /etc/marathon/conf/ (1.4), Chronos' /etc/chronos/conf/. These are
// the values `mesosgen verify` expects the live daemons to report.
import { UsageError } from '../util/errors.js';
import type { SideHost } from '../review/side-types.js';

/** Reads one file of the host's rootfs (path relative to /), or undefined when the build has none. */
export type ReadHostFile = (path: string) => string | undefined;

// The wrapper's variables that become flags, per role (mesos-init-wrapper; LOGS for both).
const WRAPPER_VARIABLES = {
  master: { ZK: 'zk', IP: 'ip', PORT: 'port', CLUSTER: 'cluster', LOGS: 'log_dir' },
  agent: { MASTER: 'master', IP: 'ip', ISOLATION: 'isolation', LOGS: 'log_dir' },
} as const;

const FLAG_FOLDER = { master: 'etc/mesos-master/', agent: 'etc/mesos-slave/' } as const;

/**
 * The flags mesos-master or mesos-slave gets on this host, by flag name, with the value as the
 * wrapper passes it (`$(cat file)`: trailing newlines gone). A `?name` file gives "true", `?no-name`
 * "false". Throws UsageError when an environment file holds a line mesosgen does not write.
 */
export function mesosFlags(host: SideHost, role: 'master' | 'agent', read: ReadHostFile): Map<string, string> {
  const flags = new Map<string, string>();
  const env = new Map([...readEnvFile(read, 'etc/default/mesos'), ...readEnvFile(read, `etc/default/mesos-${role === 'master' ? 'master' : 'slave'}`)]);
  const variables: Record<string, string> = WRAPPER_VARIABLES[role];
  for (const [name, value] of env) {
    // Mesos itself also reads MESOS_<FLAG> from the environment the wrapper exports.
    const flag = variables[name] ?? (name.startsWith('MESOS_') ? name.slice(6).toLowerCase() : undefined);
    if (flag !== undefined && value !== '') flags.set(flag, value);
  }
  const folder = `rootfs/${FLAG_FOLDER[role]}`;
  const lists: Record<string, string[]> = { resources: [], attributes: [] };
  for (const path of [...host.files.keys()].sort()) {
    if (!path.startsWith(folder)) continue;
    const rest = path.slice(folder.length);
    const [first, second] = rest.split('/');
    if (second !== undefined) {
      // The agent joins each non-empty file of resources/ and attributes/ as name:value with ";".
      if (role === 'agent' && first in lists && !rest.slice(first.length + 1).includes('/')) {
        const value = fileValue(read(path.slice('rootfs/'.length)));
        if (value !== '') lists[first].push(`${second}:${value}`);
      }
      continue;
    }
    if (first.startsWith('.')) continue;
    if (first.startsWith('?')) {
      const name = first.slice(1);
      if (name.startsWith('no-')) flags.set(name.slice(3), 'false');
      else flags.set(name, 'true');
    } else flags.set(first, fileValue(read(path.slice('rootfs/'.length))));
  }
  for (const [name, items] of Object.entries(lists)) if (items.length > 0) flags.set(name, items.join(';'));
  return flags;
}

/**
 * Marathon's flags on this host: MARATHON_<NAME> variables of /etc/default/marathon (an empty value
 * is a bare flag: "true"), or, for Marathon 1.4, the files of /etc/marathon/conf/.
 */
export function marathonFlags(host: SideHost, read: ReadHostFile): Map<string, string> {
  const flags = new Map<string, string>();
  for (const [name, value] of readEnvFile(read, 'etc/default/marathon')) {
    if (name.startsWith('MARATHON_')) flags.set(name.slice(9).toLowerCase(), value === '' ? 'true' : value);
  }
  for (const [name, value] of confFolder(host, 'etc/marathon/conf/', read)) flags.set(name, value);
  return flags;
}

/** Chronos' flags (/etc/chronos/conf/) and its launcher's environment (/etc/default/chronos). */
export function chronosFlags(host: SideHost, read: ReadHostFile): { flags: Map<string, string>; env: Map<string, string> } {
  return { flags: confFolder(host, 'etc/chronos/conf/', read), env: readEnvFile(read, 'etc/default/chronos') };
}

function confFolder(host: SideHost, folder: string, read: ReadHostFile): Map<string, string> {
  const flags = new Map<string, string>();
  for (const path of host.files.keys()) {
    if (!path.startsWith(`rootfs/${folder}`)) continue;
    const name = path.slice(`rootfs/${folder}`.length);
    if (name.includes('/') || name.startsWith('.')) continue;
    if (name.startsWith('?')) flags.set(name.slice(1), 'true');
    else flags.set(name, fileValue(read(path.slice('rootfs/'.length))));
  }
  return flags;
}

// `$(cat file)` drops trailing newlines; Mesos trims each argument's surrounding whitespace too.
function fileValue(text: string | undefined): string {
  return (text ?? '').replace(/\n+$/, '');
}

const BARE = /^[A-Za-z0-9_@%+=:,./-]*$/;
const QUOTED = /^'((?:[^']|'\\'')*)'$/;
const CAT = /^"\$\(cat (\/[A-Za-z0-9_./-]+)\)"$/;

/**
 * The assignments of an environment file as mesosgen writes it (shellQuote or envFileValue: a bare
 * word, a single-quoted one, or "$(cat /path)" for a file of the same host), in order. Throws
 * UsageError naming the line for anything else: the file was not written by mesosgen.
 */
export function readEnvFile(read: ReadHostFile, path: string): Map<string, string> {
  const text = read(path);
  const values = new Map<string, string>();
  if (text === undefined) return values;
  text.split('\n').forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    const raw = m?.[2];
    let value: string | undefined;
    if (raw !== undefined && BARE.test(raw)) value = raw;
    else if (raw !== undefined && QUOTED.test(raw)) value = QUOTED.exec(raw)![1].replaceAll(`'\\''`, `'`);
    else if (raw !== undefined && CAT.test(raw)) value = fileValue(read(CAT.exec(raw)![1].slice(1)));
    if (m === null || value === undefined) throw new UsageError(`/${path} of the build, line ${index + 1}: not an assignment mesosgen writes`);
    values.set(m[1], value);
  });
  return values;
}
