import type { Argv, CommandModule } from 'yargs';
import { diffSides } from '../../review/diff.js';
import { renderRolloutDiagram } from '../../review/diagram.js';
import { planRollout } from '../../review/rollout.js';
import { formatDiffJson, formatDiffMarkdown, formatDiffText, hasChanges } from '../../review/format.js';
import { openSideArgument } from '../stdin.js';
import { EXIT } from '../io.js';
import type { CommandContext } from './context.js';

interface DiffArgs {
  old: string;
  new: string;
  stat: boolean;
  format: 'text' | 'json' | 'markdown';
  'allow-renumber': boolean;
}

export const DIFF_EPILOGUE = `Exit codes (like diff(1)):
  0   no change
  1   OLD and NEW differ
  2   usage error, unreadable path, or an invalid spec
  3   a change the risk rules refuse (a renumbered ZooKeeper member without --allow-renumber)`;

export function diffCommand(ctx: CommandContext): CommandModule<object, DiffArgs> {
  return {
    command: 'diff <old> <new>',
    describe: 'Show what changes from OLD to NEW (each a spec or a build directory): files per host, services to restart, risks',
    builder: (y: Argv) =>
      y
        .positional('old', { type: 'string', demandOption: true, describe: 'spec file or build output directory (- for a spec on standard input)' })
        .positional('new', { type: 'string', demandOption: true, describe: 'spec file or build output directory (- for a spec on standard input)' })
        .option('stat', { type: 'boolean', default: false, describe: 'print only the summary table and risks' })
        .option('format', {
          choices: ['text', 'json', 'markdown'] as const,
          default: 'text' as const,
          describe: 'text, a JSON report, or Markdown with a Mermaid diagram for a review comment',
        })
        .option('allow-renumber', { type: 'boolean', default: false, describe: 'accept a changed zookeeperId (plan a full ensemble restart)' })
        .example('$0 diff out/ cluster.json', 'what building cluster.json would change against the last build')
        .example('$0 diff old.json new.json --stat', 'only the summary')
        .epilogue(DIFF_EPILOGUE),
    handler: (args) => {
      const next = openSideArgument(args.new);
      const report = diffSides(openSideArgument(args.old), next, { allowRenumber: args['allow-renumber'] });
      if (args.format === 'json') ctx.io.out(formatDiffJson(report));
      // The diagram shows the rollout's steps when NEW is a spec (a build directory keeps no plan to order them from).
      else if (args.format === 'markdown') {
        const rollout = next.plan && planRollout(report, next.plan);
        ctx.io.out(formatDiffMarkdown(report, !args.stat, renderRolloutDiagram(report, rollout)));
      }
      else ctx.io.out(formatDiffText(report, !args.stat, ctx.io.colour?.() ?? false));
      const refused = report.risks.some((r) => r.severity === 'error');
      ctx.setExitCode(refused ? EXIT.refused : hasChanges(report) ? EXIT.changes : EXIT.ok);
    },
  };
}
