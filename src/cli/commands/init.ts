import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { starterSpec } from '../../spec/starter.js';
import { toCommentedYaml } from '../../spec/yaml-form.js';
import { readSchemaText } from '../../spec/validate.js';
import type { CommandContext } from './context.js';
import { writeUserFile } from '../io.js';
import { STDIN } from '../stdin.js';

interface InitArgs {
  file: string;
  force: boolean;
  format?: 'json' | 'yaml';
}

export function initCommand(ctx: CommandContext): CommandModule<object, InitArgs> {
  return {
    command: 'init [file]',
    describe: 'Write a starter spec (3 masters, 2 agents, every section with its defaults) that validates',
    builder: (y: Argv) =>
      y
        .positional('file', { type: 'string', default: 'cluster.json', describe: 'where to write it; - for stdout' })
        .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing file' })
        .option('format', { choices: ['json', 'yaml'] as const, describe: 'JSON, or YAML with a comment per section (default: from the file name, else JSON)' })
        .example('$0 init my-cluster.json', 'start a new spec'),
    handler: (args) => {
      const yaml = args.format === 'yaml' || (args.format === undefined && /\.ya?ml$/i.test(args.file));
      // "$schema" names the schema beside the spec: the same for everyone who checks out the repo.
      const spec = starterSpec(`./${SCHEMA_FILE}`);
      const text = yaml
        ? toCommentedYaml(spec, 'mesosgen cluster spec: edit the hosts, then run mesosgen validate on this file.')
        : JSON.stringify(spec, null, 2) + '\n';
      if (args.file === STDIN) return ctx.io.out(text);
      writeUserFile(args.file, text, args.force);
      ctx.io.out(`wrote ${args.file}${writeSchemaBeside(args.file)}; edit the hosts, then: mesosgen validate ${args.file}\n`);
    },
  };
}

/** The schema file a starter's "$schema" names, beside the spec. */
export const SCHEMA_FILE = 'cluster.schema.json';

/**
 * Writes this mesosgen's schema beside `specFile` unless a file of that name is there; returns what
 * to add to the message. An older schema is left alone (said, with how to update it). Throws
 * UsageError as writeUserFile does.
 */
function writeSchemaBeside(specFile: string): string {
  const path = join(dirname(specFile), SCHEMA_FILE);
  const shown = relative('.', path) || SCHEMA_FILE;
  const schema = readSchemaText();
  if (!existsSync(path)) {
    writeUserFile(path, schema, false);
    return ` and ${shown} (its "$schema"; commit both)`;
  }
  if (readFileSync(path, 'utf8') === schema) return '';
  return ` (${shown} beside it is another version's schema: mesosgen schema ${shown} --force updates it)`;
}
