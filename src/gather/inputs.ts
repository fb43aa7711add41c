// Stage 3, gather: read the files the spec refers to (the repository key, the bundled .debs), check them,
// and hand their contents to the plan. Runs only on a spec the rules accepted. Read-only: like
// spec/load.ts, it never writes.
import { resolve } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import { secretFields } from '../spec/secret-fields.js';
import { MAX_KEY_BYTES } from '../util/read-file.js';
import { gatherBundle, type BundledPackage } from './bundle.js';
import { readOrReport, specDirectory } from './read-input.js';
import { readSecrets } from './secrets.js';

export type { BundledPackage } from './bundle.js';

export interface Gathered {
  /** The repository key, ASCII-armored, when packages come from a repository. */
  repositoryKey?: string;
  /** The bundle's packages in dependency order (what dpkg configures first comes first). */
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
    ...(source === 'bundle' && bundle ? [resolve(base, bundle.dir), ...(bundle.base ? [resolve(base, bundle.base)] : [])] : []),
  ];
  const gathered: Gathered = { bundle: [], secrets: secrets.values, inputs };
  if (source === 'repository' && repository) {
    const key = readOrReport(resolve(base, repository.key), repository.key, MAX_KEY_BYTES, '/packages/repository/key', diagnostics);
    const text = key?.toString('utf8');
    // Printable ASCII lines only: the key is written into apt's keyring and into cloud-init's YAML.
    if (
      text !== undefined &&
      !/^-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\x20-\x7e\n]*-----END PGP PUBLIC KEY BLOCK-----\n*$/.test(text.replaceAll('\r\n', '\n'))
    ) {
      diagnostics.push(diagnose('E_REPOSITORY_KEY_INVALID', '/packages/repository/key', { file: repository.key }));
    } else if (text !== undefined) gathered.repositoryKey = text;
  }
  if (source === 'bundle' && bundle) gathered.bundle = gatherBundle(spec, bundle, base, diagnostics);
  return { gathered, diagnostics };
}
