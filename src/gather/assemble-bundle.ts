// `mesosgen bundle DIR`: the /packages/bundle section for a folder of .deb files, as `apt-get
// download` leaves them. Each file gets its sha256 and the roles whose dependency closure reaches it
// (a package both roles need gets both), so nobody lists 170 files by hand.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../spec/packages.js';
import { describeIoError, UsageError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { byteOrder } from '../util/order.js';
import { InputFileError, MAX_DEB_BYTES, readRegularFile } from '../util/read-file.js';
import { closureOf, factsOf, findGaps, type PackageFacts } from './closure.js';
import { readDebControl } from './deb.js';

/** File names the spec accepts: what apt-get download writes, an epoch's ":" as %3a. */
const DEB_NAME = /^[A-Za-z0-9]([A-Za-z0-9.+~_-]|%3[Aa]){0,200}\.deb$/;

export interface AssembledBundle {
  files: Array<{ name: string; sha256: string; roles: Role[] }>;
  /** Files that no role's closure reaches: left out of `files`. */
  unused: string[];
  /** Dependencies of a role's packages that neither its bundled packages nor the base meet: build's check. */
  gaps: Array<{ roles: Role[]; package: string; needs: string }>;
}

/**
 * Reads every .deb in `dir` and assigns roles from each role's closure, starting at `roots` (the
 * packages each role runs), then checks each role of `check.roles` as build does: every dependency
 * met by its packages or by `check.base` (the image's package list). Throws UsageError when the
 * folder or a file cannot be read, a file is not a .deb, or its name is not one the spec can carry.
 */
export function assembleBundle(dir: string, roots: Record<Role, string[]>, check: { roles: Role[]; base?: PackageFacts[] }): AssembledBundle {
  const names = listDebs(dir);
  if (names.length === 0) throw new UsageError(`${dir} holds no .deb files; download them first (see README, "Air-gapped installs")`);
  const debs = names.map((name): PackageFacts & { name: string; sha256: string } => {
    if (!DEB_NAME.test(name)) throw new UsageError(`${join(dir, name)}: a bundled file name may hold only letters, digits, ".+~_-" and %3a; rename it`);
    let content: Buffer;
    try {
      content = readRegularFile(join(dir, name), MAX_DEB_BYTES);
      return { name, sha256: sha256Hex(content), ...factsOf(readDebControl(content)) };
    } catch (err) {
      throw new UsageError(`${join(dir, name)}: ${err instanceof InputFileError ? err.reason : (err as Error).message}`);
    }
  });
  const master = closureOf(roots.master, debs);
  const agent = closureOf(roots.agent, debs);
  const files = debs
    .map((d) => ({ name: d.name, sha256: d.sha256, roles: [...(master.has(d) ? ['master' as const] : []), ...(agent.has(d) ? ['agent' as const] : [])] }))
    .filter((f) => f.roles.length > 0);
  const gaps = new Map<string, AssembledBundle['gaps'][number]>();
  for (const role of check.roles) {
    const closure = role === 'master' ? master : agent;
    for (const gap of findGaps(debs.filter((d) => closure.has(d)), check.base ?? [])) {
      const key = `${gap.package}\0${gap.needs}`;
      const entry = gaps.get(key) ?? { roles: [], ...gap };
      entry.roles.push(role);
      gaps.set(key, entry);
    }
  }
  return { files, unused: debs.filter((d) => !master.has(d) && !agent.has(d)).map((d) => d.name), gaps: [...gaps.values()] };
}

/**
 * The .deb files of `dir`, sorted: regular files, and links to regular files (a folder of links into
 * a download cache is common). A link that leads nowhere, or to something else, is an error naming
 * it rather than a file silently left out. Throws UsageError.
 */
export function listDebs(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`cannot read ${dir}: ${describeIoError(err)}`);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.name.endsWith('.deb')) continue;
    if (entry.isFile()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = statSync(join(dir, entry.name), { throwIfNoEntry: false });
      if (!target?.isFile())
        throw new UsageError(
          `${join(dir, entry.name)} is a link to ${target ? 'something that is not a regular file' : 'nothing'}; point it at the .deb or remove it`,
        );
      names.push(entry.name);
    }
  }
  return names.sort(byteOrder);
}
