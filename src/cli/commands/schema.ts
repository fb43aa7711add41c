import type { Argv, CommandModule } from 'yargs';
import { readSchemaText } from '../../spec/validate.js';
import { STDIN } from '../stdin.js';
import type { CommandContext } from './context.js';
import { writeUserFile } from '../io.js';

interface SchemaArgs {
  file?: string;
  force: boolean;
}

export function schemaCommand(ctx: CommandContext): CommandModule<object, SchemaArgs> {
  return {
    command: 'schema [file]',
    describe: 'Print the JSON Schema of the cluster spec (or write it to FILE)',
    builder: (y: Argv) =>
      y
        .positional('file', { type: 'string', describe: 'where to write it; - or nothing for standard output' })
        .option('force', { type: 'boolean', default: false, describe: 'replace FILE when it exists' }),
    handler: (args) => {
      if (args.file === undefined || args.file === STDIN) return ctx.io.out(readSchemaText());
      writeUserFile(args.file, readSchemaText(), args.force);
    },
  };
}
