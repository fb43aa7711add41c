import type { Argv, CommandModule } from 'yargs';
import { compile } from '../../pipeline.js';
import { reportDiagnostics, type OutputFormat } from './check-output.js';
import type { CommandContext } from './context.js';
import { specSource } from '../stdin.js';
import { withSignals } from './signals.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../../util/errors.js';
import { escapeForMessage } from '../../util/text.js';

interface BuildArgs {
  spec: string;
  out: string;
  strict: boolean;
  format: OutputFormat;
  force: boolean;
  quiet: boolean;
  verbose: boolean;
}

export function buildCommand(ctx: CommandContext): CommandModule<object, BuildArgs> {
  return {
    command: 'build <spec>',
    describe: 'Validate SPEC and write every host\'s files, tarballs, manifest.json and SHA256SUMS',
    builder: (y: Argv) =>
      y
        .positional('spec', { type: 'string', demandOption: true, describe: 'cluster spec (JSON or YAML); - for standard input' })
        .option('out', { alias: 'o', type: 'string', default: 'out', describe: 'output directory, replaced atomically' })
        .option('strict', { type: 'boolean', default: false, describe: 'treat warnings as errors' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'diagnostics format' })
        .option('force', { type: 'boolean', default: false, describe: 'replace a non-empty --out that mesosgen did not create (it names what it replaced)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print errors only' })
        .option('verbose', { type: 'boolean', default: false, describe: 'list every file written' })
        .example('$0 build cluster.json', 'write out/hosts/*, out/tarballs/*, out/manifest.json')
        .example('$0 build cluster.json --strict', 'fail on warnings too'),
    handler: async (args) => {
      if (args.quiet && args.verbose) throw new UsageError('--quiet and --verbose cannot go together');
      const source = specSource(args.spec);
      const progress = createProgress(ctx.io, { quiet: args.quiet, verbose: args.verbose });
      const built = await withSignals((signal) =>
        compile({ ...source, outDir: args.out, strict: args.strict, force: args.force, signal, onProgress: progress.onProgress }),
      ).finally(() => progress.finish());
      // --quiet: errors only (JSON output stays complete: a program reads it).
      const quiet = args.quiet && args.format === 'text';
      const result = quiet ? { ...built, diagnostics: built.diagnostics.filter((d) => d.severity === 'error') } : built;
      const s = result.summary;
      // --format json: the diagnostics and, for a build, what was written.
      const summary = s ? { build: { out: s.outDir, hosts: s.hosts, files: s.files, bytes: s.bytes, ...(s.replaced ? { replaced: s.replaced } : {}) } } : {};
      const code = reportDiagnostics(result, args.format, ctx.io, true, summary);
      if (s?.replaced && args.format === 'text' && !quiet) {
        const { entries, first } = s.replaced;
        const more = entries > first.length ? `, ... (${entries} entries)` : '';
        ctx.io.out(`mesosgen: --force replaced ${args.out}, which mesosgen had not made: ${first.map(escapeForMessage).join(', ')}${more}\n`);
      }
      if (s && args.format === 'text' && !quiet) {
        ctx.io.out(`mesosgen: built ${s.hosts} host${s.hosts === 1 ? '' : 's'} (${s.files} files) into ${args.out}\n`);
      }
      ctx.setExitCode(code);
    },
  };
}
