// The --hosts file of `mesosgen plan`: where Ansible reaches each host when that is not the spec's IP.
// Same lines as rollout.sh's --hosts: "<host> <ssh target>", target "[user@]address".
import { UsageError } from '../util/errors.js';
import { InputFileError, readRegularFile } from '../util/read-file.js';
import { escapeForMessage } from '../util/text.js';

export interface SshTarget {
  user?: string;
  address: string;
}

/** 1 MiB: a line per host, for far more hosts than a cluster has. */
const MAX_HOSTS_FILE_BYTES = 1024 * 1024;
// What ssh and Ansible take as a user and a host (name, IPv4 or bare IPv6), and nothing a shell,
// YAML or Jinja would read as more than a word.
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,31}$/;
const ADDRESS = /^[A-Za-z0-9][A-Za-z0-9.:_-]{0,252}$/;

/**
 * Reads "<host> <ssh target>" lines (blank lines and # comments skipped) for the hosts in `known`.
 * Throws UsageError naming the file and line for an unreadable file, a malformed line, an unknown
 * or repeated host: a typo must not send a host's tarball to the wrong machine.
 */
export function readSshTargets(path: string, known: ReadonlySet<string>): Map<string, SshTarget> {
  let text: string;
  try {
    text = readRegularFile(path, MAX_HOSTS_FILE_BYTES).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw new UsageError(`--hosts ${path}: ${err.reason}`);
    throw err;
  }
  const targets = new Map<string, SshTarget>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `--hosts ${path}:${index + 1}`;
    const words = line.split(/[ \t]+/);
    if (words.length !== 2) throw new UsageError(`${where}: expected "<host> <ssh target>", found "${escapeForMessage(line)}"`);
    const [name, target] = words;
    if (!known.has(name)) throw new UsageError(`${where}: no host "${escapeForMessage(name)}" in the spec`);
    if (targets.has(name)) throw new UsageError(`${where}: host ${name} is listed twice`);
    const at = target.lastIndexOf('@');
    const user = at >= 0 ? target.slice(0, at) : undefined;
    const address = target.slice(at + 1);
    if ((user !== undefined && !USER.test(user)) || !ADDRESS.test(address)) {
      throw new UsageError(`${where}: "${escapeForMessage(target)}" is not [user@]address (letters, digits, . _ - and : only)`);
    }
    targets.set(name, user === undefined ? { address } : { user, address });
  });
  return targets;
}
