import { statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { formatDiagnosticsText } from '../../diagnostics/format.js';
import { UsageError } from '../../util/errors.js';
import { formatDiffText } from '../../review/format.js';
import { planChange } from '../../review/plan-change.js';
import { STDIN, openSideArgument, shown, specSource } from '../stdin.js';
import { EXIT } from '../io.js';
import type { CommandContext } from './context.js';
import { withSignals } from './signals.js';

interface PlanArgs {
  old: string;
  new: string;
  out: string;
  batch?: number;
  hosts?: string;
  'agent-failures': number;
  force: boolean;
  'allow-renumber': boolean;
}

export function planCommand(ctx: CommandContext): CommandModule<object, PlanArgs> {
  return {
    command: 'plan <old> <new>',
    describe: 'Build NEW (a spec) and write an ordered, gated rollout from OLD (a spec or build) to it: cluster/rollout.md, rollout.sh and ansible/',
    builder: (y: Argv) =>
      y
        .positional('old', { type: 'string', demandOption: true, describe: 'what runs now: spec file or build output directory' })
        .positional('new', { type: 'string', demandOption: true, describe: 'the spec to roll out (- for standard input)' })
        .option('out', { alias: 'o', type: 'string', default: 'out', describe: 'output directory, replaced atomically (never OLD)' })
        .option('batch', { type: 'number', describe: 'agents per step (default: 10% of the changed agents, at least 1)' })
        .option('hosts', { type: 'string', describe: 'lines "<host> [user@]address": how Ansible reaches each host (default: its IP)' })
        .option('agent-failures', { type: 'number', default: 0, describe: "percent of an agent step's hosts that may fail before the Ansible rollout stops" })
        .option('force', { type: 'boolean', default: false, describe: 'replace a non-empty --out that mesosgen did not create' })
        .option('allow-renumber', { type: 'boolean', default: false, describe: 'accept a changed zookeeperId' })
        .example('$0 plan out/ c.json -o next', 'build c.json into next/ with the rollout from out/')
        .epilogue('Exit codes: 0 plan written (or nothing to roll out); 1 NEW is invalid; 2 usage or I/O error; 3 a change the risk rules refuse.'),
    handler: async (args) => {
      if (args.new !== STDIN && statSync(args.new, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`${args.new}: NEW must be a spec file, which plan builds`);
      if (args.batch !== undefined && (!Number.isInteger(args.batch) || args.batch < 1))
        throw new UsageError('--batch needs a whole number of agents, at least 1');
      const failures = args['agent-failures'];
      if (!Number.isInteger(failures) || failures < 0 || failures > 100) throw new UsageError('--agent-failures needs a whole percentage from 0 to 100');
      // NEW is read once: from its file, or from standard input for "-".
      const next = specSource(args.new);
      const outcome = await withSignals((signal) =>
        planChange({
          old: openSideArgument(args.old),
          next,
          outDir: args.out,
          force: args.force,
          batch: args.batch,
          hostsFile: args.hosts,
          agentFailurePercent: failures,
          allowRenumber: args['allow-renumber'],
          // OLD (the deployed build, when it is one) and the --hosts file are inputs: --out never replaces them.
          alsoReads: [args.old, ...(args.hosts === undefined ? [] : [args.hosts])],
          signal,
        }),
      );
      if (outcome.outcome === 'invalid') {
        // An invalid NEW is the spec's fault, as in build: its diagnostics and exit 1.
        ctx.io.err(formatDiagnosticsText(outcome.diagnostics));
        ctx.setExitCode(EXIT.invalid);
        return;
      }
      if (outcome.outcome === 'refused') {
        ctx.io.err(formatDiffText(outcome.report, false, false));
        ctx.io.err('mesosgen: refused; nothing written\n');
        ctx.setExitCode(EXIT.refused);
        return;
      }
      if (!outcome.result.ok) {
        ctx.io.err(formatDiagnosticsText(outcome.result.diagnostics));
        ctx.setExitCode(EXIT.invalid);
        return;
      }
      // NEW's warnings, as build prints them: a plan is the last look before the rollout.
      if (outcome.result.diagnostics.length > 0) ctx.io.err(formatDiagnosticsText(outcome.result.diagnostics));
      const { steps } = outcome;
      const runIt =
        `run ${args.out}/cluster/rollout.sh (--dry-run first) or ${args.out}/cluster/ansible/rollout.yml (--check first)`;
      ctx.io.out(
        steps === 0
          ? `mesosgen: nothing to roll out; built ${shown(args.new)} into ${args.out}\n`
          : `mesosgen: ${steps} steps in ${args.out}/cluster/rollout.md; ${runIt}\n`,
      );
      ctx.setExitCode(EXIT.ok);
    },
  };
}
