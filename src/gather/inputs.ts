// Stage 3, gather: read the files the spec refers to (the repository key, the bundled .debs), check them,
// and hand their contents to the plan. Runs only on a spec the rules accepted. Read-only: like
// spec/load.ts, it never writes.
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readDebControl } from './deb.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { matchesPin, packagePins, rolePackages } from '../spec/packages.js';
import { secretFields } from '../spec/secret-fields.js';
import { readSecrets } from './secrets.js';
import type { BundleFile, ResolvedSpec } from '../spec/resolve.js';
import { sha256Hex } from '../util/hash.js';
import { toPointer } from '../util/pointer.js';
import { InputFileError, MAX_DEB_BYTES, MAX_KEY_BYTES, readRegularFile } from '../util/read-file.js';

export interface BundledPackage extends BundleFile {
  /** Name and version from the package's control data. */
  package: string;
  version: string;
  content: Buffer;
}

export interface Gathered {
  /** The repository key, ASCII-armored, when packages come from a repository. */
  repositoryKey?: string;
  /** The bundle's files, in the spec's order, when packages come from a bundle. */
  bundle: BundledPackage[];
  /** Secret values by the JSON Pointer of the field that references them. */
  secrets: Map<string, string>;
  /** Absolute paths of every file and folder the spec names: an output directory may never hold one. */
  inputs: string[];
}

/**
 * Reads and checks every external file the spec names, relative to `specPath`. Problems come back
 * as diagnostics (missing file, checksum mismatch, not a .deb, unlisted files, missing packages);
 * nothing throws for user input.
 */
export function gatherInputs(spec: ResolvedSpec, specPath: string): { gathered: Gathered; diagnostics: Diagnostic[] } {
  const base = specDirectory(specPath);
  const diagnostics: Diagnostic[] = [];
  const secrets = readSecrets(spec, base);
  diagnostics.push(...secrets.diagnostics);
  const { source, repository, bundle } = spec.packages;
  const inputs = [
    ...secretFields(spec).flatMap(({ secret }) => (typeof secret === 'object' && 'file' in secret.secret ? [resolve(base, secret.secret.file)] : [])),
    ...(source === 'repository' && repository ? [resolve(base, repository.key)] : []),
    ...(source === 'bundle' && bundle ? [resolve(base, bundle.dir)] : []),
  ];
  const gathered: Gathered = { bundle: [], secrets: secrets.values, inputs };
  if (source === 'repository' && repository) {
    const key = readOrReport(resolve(base, repository.key), repository.key, MAX_KEY_BYTES, '/packages/repository/key', diagnostics);
    const text = key?.toString('utf8');
    // Printable ASCII lines only: the key is written into apt's keyring and into cloud-init's YAML.
    if (text !== undefined && !/^-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\x20-\x7e\n]*-----END PGP PUBLIC KEY BLOCK-----\n*$/.test(text.replaceAll('\r\n', '\n'))) {
      diagnostics.push(diagnose('E_REPOSITORY_KEY_INVALID', '/packages/repository/key', { file: repository.key }));
    } else if (text !== undefined) gathered.repositoryKey = text;
  }
  if (source === 'bundle' && bundle) {
    const dir = resolve(base, bundle.dir);
    bundle.files.forEach((file, i) => {
      const pointer = toPointer('packages', 'bundle', 'files', i);
      const shown = join(bundle.dir, file.name);
      const content = readOrReport(join(dir, file.name), shown, MAX_DEB_BYTES, `${pointer}/name`, diagnostics);
      if (!content) return;
      const actual = sha256Hex(content);
      if (actual !== file.sha256) return diagnostics.push(diagnose('E_BUNDLE_CHECKSUM', `${pointer}/sha256`, { file: shown, actual }));
      try {
        const control = readDebControl(content);
        gathered.bundle.push({ ...file, package: control.package, version: control.version, content });
      } catch (err) {
        diagnostics.push(diagnose('E_DEB_INVALID', `${pointer}/name`, { file: shown, reason: (err as Error).message }));
      }
    });
    reportUnlisted(dir, bundle, diagnostics);
    // Gaps are only meaningful once every listed file could be read.
    if (gathered.bundle.length === bundle.files.length) reportBundleGaps(spec, gathered.bundle, diagnostics);
  }
  return { gathered, diagnostics };
}

/**
 * The directory relative paths in the spec start from: the spec file's real directory, so a spec
 * reached through a symlink reads the files beside the file itself. Falls back to the directory as
 * named when the spec has no real path (standard input).
 */
export function specDirectory(specPath: string): string {
  try {
    return dirname(realpathSync(specPath));
  } catch {
    return dirname(resolve(specPath));
  }
}

function readOrReport(path: string, shown: string, maxBytes: number, pointer: string, diagnostics: Diagnostic[]): Buffer | undefined {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    diagnostics.push(diagnose('E_FILE_UNREADABLE', pointer, { file: shown, tried: path, reason: err.reason }));
    return undefined;
  }
}

function reportUnlisted(dir: string, bundle: NonNullable<ResolvedSpec['packages']['bundle']>, diagnostics: Diagnostic[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return; // the missing files are already reported one by one
  }
  const listed = new Set(bundle.files.map((f) => f.name));
  for (const name of names.filter((n) => !listed.has(n) && !n.startsWith('.'))) {
    diagnostics.push(diagnose('W_BUNDLE_UNLISTED', '/packages/bundle/dir', { file: join(bundle.dir, name) }));
  }
}

// Every package a role needs should come from the bundle, at the pinned version.
function reportBundleGaps(spec: ResolvedSpec, bundled: BundledPackage[], diagnostics: Diagnostic[]): void {
  const pins = packagePins(spec);
  for (const role of ['master', 'agent'] as const) {
    if (!spec.hosts.some((h) => h.roles.includes(role))) continue;
    for (const name of rolePackages(spec, role)) {
      if (!bundled.some((b) => b.package === name && b.roles.includes(role))) {
        diagnostics.push(diagnose('W_BUNDLE_PACKAGE_MISSING', '/packages/bundle/files', { role, package: name }));
      }
    }
  }
  bundled.forEach((b) => {
    const pin = pins[b.package];
    if (pin && !matchesPin(b.version, pin.version)) {
      const index = spec.packages.bundle?.files.findIndex((f) => f.name === b.name) ?? 0;
      const pointer = toPointer('packages', 'bundle', 'files', index, 'name');
      diagnostics.push(diagnose('W_BUNDLE_VERSION_MISMATCH', pointer, { file: b.name, version: b.version, software: pin.software, pinned: pin.version }));
    }
  });
}
