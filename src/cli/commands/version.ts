import type { Argv, CommandModule } from 'yargs';
import { readSchemaText } from '../../spec/validate.js';
import { mesosgenVersion } from '../../util/paths.js';
import type { CommandContext } from './context.js';

interface VersionArgs {
  format: 'text' | 'json';
}

/** The spec format this mesosgen reads: the schema's apiVersion. */
function specApiVersion(): string {
  const schema = JSON.parse(readSchemaText()) as { properties: { apiVersion: { const: string } } };
  return schema.properties.apiVersion.const;
}

/** `mesosgen version`: what a bug report or a CI log needs, as text or JSON. */
export function versionCommand(ctx: CommandContext): CommandModule<object, VersionArgs> {
  return {
    command: 'version',
    describe: "Print mesosgen's version, the spec format it reads and Node's version",
    builder: (y: Argv) => y.option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }),
    handler: (args) => {
      const facts = { version: mesosgenVersion(), apiVersion: specApiVersion(), node: process.version };
      ctx.io.out(args.format === 'json' ? `${JSON.stringify(facts, null, 2)}\n` : `mesosgen ${facts.version} (spec ${facts.apiVersion}, Node ${facts.node})\n`);
    },
  };
}
