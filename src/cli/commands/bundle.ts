import { relative, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatDiagnosticsText } from '../../diagnostics/format.js';
import { locateDiagnostics } from '../../diagnostics/locate.js';
import { assembleBundle } from '../../gather/assemble-bundle.js';
import { MAX_BASE_BYTES } from '../../gather/bundle.js';
import { parseBaseList, type PackageFacts } from '../../gather/closure.js';
import { diagnose } from '../../diagnostics/diagnostic.js';
import { specDirectory } from '../../gather/read-input.js';
import { setValues } from '../../spec/edit-spec.js';
import { MAX_SPEC_BYTES, loadSpec } from '../../spec/load.js';
import { rolePackages, type Role } from '../../spec/packages.js';
import { resolveSpec, type ResolvedSpec } from '../../spec/resolve.js';
import { starterSpec } from '../../spec/starter.js';
import { validateSpec } from '../../spec/validate.js';
import { UsageError } from '../../util/errors.js';
import { InputFileError, readRegularFile } from '../../util/read-file.js';
import type { CommandContext } from './context.js';
import { writeUserFile } from '../io.js';

interface BundleArgs {
  dir: string;
  write?: string;
  base?: string;
}

export function bundleCommand(ctx: CommandContext): CommandModule<object, BundleArgs> {
  return {
    command: 'bundle <dir>',
    describe: "Print the /packages/bundle section for a folder of .deb files (sha256 and roles from each role's dependencies)",
    builder: (y: Argv) =>
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'folder of .deb files, e.g. from apt-get download' })
        .option('write', { type: 'string', describe: 'put the section into this spec (source "bundle"), keeping the rest of the file byte for byte' })
        .option('base', {
          type: 'string',
          describe: "the target image's package list (dpkg-query -W -f='${Package} ${Version} ${Provides}\\n'), recorded as /packages/bundle/base",
        })
        .example('$0 bundle debs/', 'print the section (roles from the default packages)')
        .example('$0 bundle debs/ --write c.json', 'put it into the spec c.json, in place'),
    handler: (args) => {
      const written = args.write === undefined ? undefined : readSpecForBundle(args.write);
      const spec = written?.spec ?? resolveSpec(starterSpec(''));
      const roots = Object.fromEntries((['master', 'agent'] as const).map((r) => [r, rolePackages(spec, r)])) as Record<Role, string[]>;
      // The roles build checks: those with hosts in the spec written to (both for a printed section).
      const roles = (['master', 'agent'] as const).filter((r) => !written || spec.hosts.some((h) => h.roles.includes(r)));
      const base = args.base === undefined ? undefined : readBaseList(args.base);
      const { files, unused, gaps } = assembleBundle(args.dir, roots, { roles, ...(base ? { base } : {}) });
      for (const name of unused) ctx.io.err(`mesosgen: ${name} is needed by no role's packages; left out (listed as unused)\n`);
      // Build's own check, with its codes: with the image's list a gap is an error and nothing is written.
      const code = base ? 'E_BUNDLE_DEPENDENCY_MISSING' : 'W_BUNDLE_DEPENDENCY_MISSING';
      for (const gap of gaps) {
        const d = diagnose(code, '/packages/bundle', { roles: gap.roles.map((r) => `${r}s`).join(' and '), package: gap.package, needs: gap.needs });
        ctx.io.err(`mesosgen: ${d.severity} ${d.code}: ${d.message}\n`);
      }
      if (base && gaps.length > 0) {
        const unmet = `${gaps.length} dependenc${gaps.length === 1 ? 'y' : 'ies'} unmet`;
        ctx.io.err(`mesosgen: ${unmet}; nothing written: add the .deb files to ${args.dir}, then run this again\n`);
        return ctx.setExitCode(1);
      }
      // In the spec, paths are relative to the spec file, like every path there.
      const specPath = (path: string) => (written ? relative(specDirectory(written.path), resolve(path)).split('\\').join('/') || '.' : path);
      const baseRef = args.base === undefined ? {} : { base: specPath(args.base) };
      const unusedRef = unused.length > 0 ? { unused } : {};
      if (!written) return ctx.io.out(JSON.stringify({ dir: specPath(args.dir), ...baseRef, files, ...unusedRef }, null, 2) + '\n');
      const text = setValues(written.text, [
        [['packages', 'source'], 'bundle'],
        [['packages', 'bundle', 'dir'], specPath(args.dir)],
        ...(args.base === undefined ? [] : [[['packages', 'bundle', 'base'], specPath(args.base)] as [string[], unknown]]),
        [['packages', 'bundle', 'files'], files],
        // Written even when empty, so that a list from an earlier run does not linger.
        [['packages', 'bundle', 'unused'], unused],
      ]);
      // Editing the named spec in place is what --write is for: no --force, but a regular file only.
      writeUserFile(written.path, text, true);
      ctx.io.out(`wrote /packages/bundle of ${args.write}: ${files.length} file(s); next: mesosgen validate ${args.write}\n`);
    },
  };
}

/** Loads the spec to update; its structure must be valid so the roles' packages can be known. */
function readSpecForBundle(path: string): { path: string; text: string; spec: ResolvedSpec } {
  // Editing in place keeps every other byte of a JSON file; YAML gets the printed section instead.
  if (/\.ya?ml$/i.test(path)) throw new UsageError(`--write takes a JSON spec; for ${path}, run without --write and paste the section under packages.bundle`);
  const loaded = loadSpec(path);
  const { spec, diagnostics } = loaded.value === undefined ? { spec: undefined, diagnostics: loaded.diagnostics } : validateSpec(loaded.value);
  if (!spec) throw new UsageError(`${path} must be a valid spec to update:\n${formatDiagnosticsText(locateDiagnostics(loaded, diagnostics)).trimEnd()}`);
  // The file as it is, byte-order mark included (the loader drops it): --write keeps every byte.
  try {
    return { path, text: readRegularFile(path, MAX_SPEC_BYTES).toString('utf8'), spec: resolveSpec(spec) };
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof InputFileError ? err.reason : String(err)}`);
  }
}

/** The image's package list given with --base, parsed as build parses it. Throws UsageError. */
function readBaseList(path: string): PackageFacts[] {
  try {
    return parseBaseList(readRegularFile(path, MAX_BASE_BYTES).toString('utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof InputFileError ? err.reason : String(err)}`);
  }
}
