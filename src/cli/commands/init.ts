import { dirname, relative, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { starterSpec } from '../../spec/starter.js';
import { toCommentedYaml } from '../../spec/yaml-form.js';
import { shippedPath } from '../../util/paths.js';
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
      const toStdout = args.file === STDIN;
      const target = resolve(args.file);
      const schema = shippedPath('schema/cluster.schema.json');
      const schemaRef = toStdout ? schema : relative(dirname(target), schema).split('\\').join('/');
      const yaml = args.format === 'yaml' || (args.format === undefined && /\.ya?ml$/i.test(args.file));
      const spec = starterSpec(schemaRef);
      const text = yaml
        ? toCommentedYaml(spec, 'mesosgen cluster spec: edit the hosts, then run mesosgen validate on this file.')
        : JSON.stringify(spec, null, 2) + '\n';
      if (toStdout) return ctx.io.out(text);
      writeUserFile(args.file, text, args.force);
      ctx.io.out(`wrote ${args.file}; edit the hosts, then: mesosgen validate ${args.file}\n`);
    },
  };
}
