import type { CommandModule } from 'yargs';
import { readSchemaText } from '../../spec/validate.js';
import type { CommandContext } from './context.js';

export function schemaCommand(ctx: CommandContext): CommandModule {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the cluster spec',
    handler: () => ctx.io.out(readSchemaText()),
  };
}
