import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { readSchemaText } from '../../spec/validate.js';
import { UsageError } from '../../util/errors.js';
import { STDIN } from '../stdin.js';
import type { CommandContext } from './context.js';

interface SchemaArgs {
  file?: string;
}

export function schemaCommand(ctx: CommandContext): CommandModule<object, SchemaArgs> {
  return {
    command: 'schema [file]',
    describe: 'Print the JSON Schema of the cluster spec (or write it to FILE)',
    builder: (y: Argv) =>
      y.positional('file', { type: 'string', describe: 'where to write it; - or nothing for standard output' }) as Argv<SchemaArgs>,
    handler: (args) => {
      if (args.file === undefined || args.file === STDIN) return void ctx.io.out(readSchemaText());
      try {
        writeFileSync(args.file, readSchemaText());
      } catch (err) {
        throw new UsageError(`cannot write ${args.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    },
  };
}
