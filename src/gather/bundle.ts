// The offline bundle: read and verify every listed .deb, then check that each role's packages can
// be installed without network (see closure.ts) and put them in an order dpkg can configure them.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { matchesPin, packagePins, rolePackages } from '../spec/packages.js';
import type { BundleFile, ResolvedSpec } from '../spec/resolve.js';
import { sha256Hex } from '../util/hash.js';
import { toPointer } from '../util/pointer.js';
import { describeIoError } from '../util/errors.js';
import { MAX_DEB_BYTES } from '../util/read-file.js';
import { factsOf, findGaps, orderByDependencies, parseBaseList, type PackageFacts } from './closure.js';
import { listDebs } from './assemble-bundle.js';
import { readDebControl } from './deb.js';
import { readOrReport } from './read-input.js';

/** A package list is a few hundred KiB even for a full desktop image. */
export const MAX_BASE_BYTES = 16 * 1024 * 1024;

export interface BundledPackage extends BundleFile, PackageFacts {
  content: Buffer;
  /** Index of the file in /packages/bundle/files, for diagnostics. */
  index: number;
}

type Bundle = NonNullable<ResolvedSpec['packages']['bundle']>;

/**
 * Reads, verifies and checks the bundle. Returns its packages in dependency order; problems
 * (missing or altered files, gaps in a role's dependencies) come back as diagnostics.
 */
export function gatherBundle(spec: ResolvedSpec, bundle: Bundle, base: string, diagnostics: Diagnostic[]): BundledPackage[] {
  const dir = resolve(base, bundle.dir);
  const packages: BundledPackage[] = [];
  // A missing folder is one problem, not one per file it should hold.
  const folder = describeFolder(dir);
  if (folder !== undefined) {
    diagnostics.push(diagnose('E_FILE_UNREADABLE', '/packages/bundle/dir', { file: bundle.dir, tried: dir, reason: folder }));
    return [];
  }
  bundle.files.forEach((file, index) => {
    const pointer = toPointer('packages', 'bundle', 'files', index);
    const shown = join(bundle.dir, file.name);
    const content = readOrReport(join(dir, file.name), shown, MAX_DEB_BYTES, `${pointer}/name`, diagnostics);
    if (!content) return;
    const actual = sha256Hex(content);
    if (actual !== file.sha256) return diagnostics.push(diagnose('E_BUNDLE_CHECKSUM', `${pointer}/sha256`, { file: shown, actual }));
    try {
      packages.push({ ...file, ...factsOf(readDebControl(content)), content, index });
    } catch (err) {
      diagnostics.push(diagnose('E_DEB_INVALID', `${pointer}/name`, { file: shown, reason: (err as Error).message }));
    }
  });
  reportUnlisted(dir, bundle, diagnostics);
  // Gaps are only meaningful once every listed file could be read.
  if (packages.length === bundle.files.length) {
    reportMissingRolePackages(spec, packages, diagnostics);
    reportDependencyGaps(spec, packages, bundle.base === undefined ? undefined : readBase(resolve(base, bundle.base), bundle.base, diagnostics), diagnostics);
  }
  return orderByDependencies(packages);
}

// Why `dir` cannot hold the bundle, or undefined when it is a folder.
function describeFolder(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'not a directory';
  } catch (err) {
    return describeIoError(err);
  }
}

function readBase(path: string, shown: string, diagnostics: Diagnostic[]): PackageFacts[] {
  const text = readOrReport(path, shown, MAX_BASE_BYTES, '/packages/bundle/base', diagnostics);
  return text ? parseBaseList(text.toString('utf8')) : [];
}

// Only .deb files can be bundled: the spec, notes or subfolders beside them are not worth a word.
function reportUnlisted(dir: string, bundle: Bundle, diagnostics: Diagnostic[]): void {
  let names: string[];
  try {
    names = listDebs(dir);
  } catch {
    return; // a missing folder: its files are already reported one by one; a broken link: read as listed, or not worth a word
  }
  // Files `mesosgen bundle` found no role needs are listed as unused: left out on purpose.
  const listed = new Set([...bundle.files.map((f) => f.name), ...(bundle.unused ?? [])]);
  for (const name of names.filter((n) => !listed.has(n) && !n.startsWith('.'))) {
    diagnostics.push(diagnose('W_BUNDLE_UNLISTED', '/packages/bundle/dir', { file: join(bundle.dir, name) }));
  }
}

/** The roles that have hosts, so a bundle is not asked for packages nobody installs. */
function rolesInUse(spec: ResolvedSpec): Array<'master' | 'agent'> {
  return (['master', 'agent'] as const).filter((role) => spec.hosts.some((h) => h.roles.includes(role)));
}

// Every package a role runs should come from the bundle, at the pinned version.
function reportMissingRolePackages(spec: ResolvedSpec, bundled: BundledPackage[], diagnostics: Diagnostic[]): void {
  const pins = packagePins(spec);
  for (const role of rolesInUse(spec)) {
    for (const name of rolePackages(spec, role)) {
      if (!bundled.some((b) => b.package === name && b.roles.includes(role))) {
        diagnostics.push(diagnose('W_BUNDLE_PACKAGE_MISSING', '/packages/bundle/files', { role, package: name }));
      }
    }
  }
  for (const b of bundled) {
    const pin = pins[b.package];
    if (pin && !matchesPin(b.version, pin.version)) {
      const pointer = toPointer('packages', 'bundle', 'files', b.index, 'name');
      diagnostics.push(diagnose('W_BUNDLE_VERSION_MISMATCH', pointer, { file: b.name, version: b.version, software: pin.software, pinned: pin.version }));
    }
  }
}

// apt installs a role's bundle offline only when every dependency is bundled for it or installed.
function reportDependencyGaps(spec: ResolvedSpec, bundled: BundledPackage[], base: PackageFacts[] | undefined, diagnostics: Diagnostic[]): void {
  const code = base === undefined ? 'W_BUNDLE_DEPENDENCY_MISSING' : 'E_BUNDLE_DEPENDENCY_MISSING';
  // One diagnostic per gap, naming every role that has it.
  const gaps = new Map<string, { index: number; package: string; needs: string; roles: string[] }>();
  for (const role of rolesInUse(spec)) {
    const mine = bundled.filter((b) => b.roles.includes(role));
    for (const gap of findGaps(mine, base ?? [])) {
      const key = `${gap.package}\0${gap.needs}`;
      const entry = gaps.get(key) ?? { index: mine.find((b) => b.package === gap.package)!.index, ...gap, roles: [] };
      entry.roles.push(`${role}s`);
      gaps.set(key, entry);
    }
  }
  for (const g of gaps.values()) {
    diagnostics.push(
      diagnose(code, toPointer('packages', 'bundle', 'files', g.index, 'name'), { roles: g.roles.join(' and '), package: g.package, needs: g.needs }),
    );
  }
}
