import type { Argv, CommandModule } from 'yargs';
import { checkSpecFile } from '../../pipeline.js';
import { reportDiagnostics, type OutputFormat } from './check-output.js';
import type { CommandContext } from './context.js';
import { shown, specSource } from '../stdin.js';

interface ValidateArgs {
  spec: string;
  strict: boolean;
  format: OutputFormat;
}

export function validateCommand(ctx: CommandContext): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate <spec>',
    describe: 'Report every problem in SPEC in one pass (FILE:LINE:COL: severity CODE /pointer: message); writes nothing',
    builder: (y: Argv) =>
      y
        .positional('spec', { type: 'string', demandOption: true, describe: 'cluster spec (JSON or YAML); - for standard input' })
        .option('strict', { type: 'boolean', default: false, describe: 'treat warnings as errors (exit 1)' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'text on stderr, or JSON on stdout' })
        .example('$0 validate cluster.json', 'check a spec')
        .example('$0 validate c.json --format json', 'machine-readable, for CI'),
    handler: (args) => {
      const source = specSource(args.spec);
      const result = checkSpecFile({ ...source, strict: args.strict });
      const code = reportDiagnostics(result, args.format, ctx.io);
      if (result.ok && args.format === 'text') ctx.io.out(`${shown(args.spec)}: valid\n`);
      ctx.setExitCode(code);
    },
  };
}
