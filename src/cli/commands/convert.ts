import type { Argv, CommandModule } from 'yargs';
import { formatDiagnosticsText } from '../../diagnostics/format.js';
import { locateDiagnostics } from '../../diagnostics/locate.js';
import { loadSpec, parseAnySpecText } from '../../spec/load.js';
import { toCommentedYaml } from '../../spec/yaml-form.js';
import { UsageError } from '../../util/errors.js';
import { STDIN, specSource } from '../stdin.js';
import type { CommandContext } from './context.js';
import { writeUserFile } from '../io.js';

interface ConvertArgs {
  spec: string;
  out?: string;
  to?: 'json' | 'yaml';
  force: boolean;
}

export function convertCommand(ctx: CommandContext): CommandModule<object, ConvertArgs> {
  return {
    command: 'convert <spec> [out]',
    describe: 'Turn a JSON spec into YAML (with a comment per section) or a YAML spec into JSON',
    builder: (y: Argv) =>
      y
        .positional('spec', { type: 'string', demandOption: true, describe: 'the spec, JSON or YAML; - for standard input' })
        .positional('out', { type: 'string', describe: 'where to write it; - or nothing for standard output' })
        .option('to', { choices: ['json', 'yaml'] as const, describe: 'target form (default: the other one; from OUT\'s name when given)' })
        .option('force', { type: 'boolean', default: false, describe: 'replace OUT when it exists' })
        .example('$0 convert cluster.json cluster.yaml', 'the same spec as YAML'),
    handler: (args) => {
      const source = specSource(args.spec);
      const loaded =
        source.specText === undefined ? loadSpec(source.specPath, source.displayName) : parseAnySpecText(source.specText, source.displayName, source.specPath);
      // Syntax first: a document that does not parse cannot be converted.
      if (loaded.value === undefined || loaded.diagnostics.some((d) => d.severity === 'error')) {
        throw new UsageError(`${source.displayName} does not parse:\n${formatDiagnosticsText(locateDiagnostics(loaded, loaded.diagnostics)).trimEnd()}`);
      }
      const fromYaml = loaded.tree !== undefined && !/^\s*\{/.test(loaded.text);
      const to = args.to ?? (args.out && args.out !== STDIN ? (/\.ya?ml$/i.test(args.out) ? 'yaml' : 'json') : fromYaml ? 'json' : 'yaml');
      const text = to === 'yaml' ? toCommentedYaml(loaded.value as object, 'mesosgen cluster spec') : JSON.stringify(loaded.value, null, 2) + '\n';
      if (args.out === undefined || args.out === STDIN) return ctx.io.out(text);
      writeUserFile(args.out, text, args.force);
    },
  };
}
