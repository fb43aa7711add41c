import { relative, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatDiagnosticsText } from '../../diagnostics/format.js';
import { locateDiagnostics } from '../../diagnostics/locate.js';
import { assembleBundle } from '../../gather/assemble-bundle.js';
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
      const { files, unused } = assembleBundle(args.dir, roots);
      for (const name of unused) ctx.io.err(`mesosgen: ${name} is needed by no role's packages; left out\n`);
      // In the spec, paths are relative to the spec file, like every path there.
      const specPath = (path: string) => (written ? relative(specDirectory(written.path), resolve(path)).split('\\').join('/') || '.' : path);
      const base = args.base === undefined ? {} : { base: specPath(args.base) };
      if (!written) return ctx.io.out(JSON.stringify({ dir: specPath(args.dir), ...base, files }, null, 2) + '\n');
      const text = setValues(written.text, [
        [['packages', 'source'], 'bundle'],
        [['packages', 'bundle', 'dir'], specPath(args.dir)],
        ...(args.base === undefined ? [] : [[['packages', 'bundle', 'base'], specPath(args.base)] as [string[], unknown]]),
        [['packages', 'bundle', 'files'], files],
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
