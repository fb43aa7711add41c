import { statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { compile } from '../../pipeline.js';
import { formatDiagnosticsText } from '../../diagnostics/format.js';
import { UsageError } from '../../util/errors.js';
import { diffSides } from '../../review/diff.js';
import { formatDiffText } from '../../review/format.js';
import { renderRollout, renderRolloutInventory } from '../../review/render-rollout.js';
import { planRollout, type RolloutPlan } from '../../review/rollout.js';
import { readSshTargets } from '../../review/ssh-targets.js';
import { InvalidSpecError, openSide } from '../../review/side.js';
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
      if (args.new !== STDIN && statSync(args.new, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${args.new}: NEW must be a spec file, which plan builds`);
      if (args.batch !== undefined && (!Number.isInteger(args.batch) || args.batch < 1)) throw new UsageError('--batch needs a whole number of agents, at least 1');
      const failures = args['agent-failures'];
      if (!Number.isInteger(failures) || failures < 0 || failures > 100) throw new UsageError('--agent-failures needs a whole percentage from 0 to 100');
      // NEW is read once: from its file, or from standard input for "-".
      const next = specSource(args.new);
      let newSide;
      try {
        newSide = openSide(next.specPath, next.specText === undefined ? undefined : { specText: next.specText, displayName: next.displayName });
      } catch (err) {
        // An invalid NEW is the spec's fault, as in build: its diagnostics and exit 1.
        if (!(err instanceof InvalidSpecError)) throw err;
        ctx.io.err(err.diagnostics);
        ctx.setExitCode(EXIT.invalid);
        return;
      }
      const report = diffSides(openSideArgument(args.old), newSide, { allowRenumber: args['allow-renumber'] });
      // Read before building: a wrong --hosts file is a usage error, not a half-made plan.
      const targets = args.hosts === undefined ? new Map() : readSshTargets(args.hosts, new Set([...newSide.hostNames, ...report.hosts.map((h) => h.name)]));
      if (report.risks.some((r) => r.severity === 'error')) {
        ctx.io.err(formatDiffText(report, false, false));
        ctx.io.err('mesosgen: refused; nothing written\n');
        ctx.setExitCode(EXIT.refused);
        return;
      }
      let steps = 0;
      let rollout: RolloutPlan | undefined;
      const result = await withSignals((signal) => compile({
        signal,
        ...next,
        // The apps and jobs NEW drops: its deploy.sh deletes them.
        removedWorkloads: report.removed,
        outDir: args.out,
        force: args.force,
        // OLD (the deployed build, when it is one) and the --hosts file are inputs: --out never replaces them.
        alsoReads: [args.old, ...(args.hosts === undefined ? [] : [args.hosts])],
        extraClusterFiles: (plan, renderer) => {
          rollout = planRollout(report, plan, args.batch);
          steps = rollout.steps.length;
          return renderRollout(renderer, rollout, [...report.risks, ...report.hosts.flatMap((h) => h.notes)], { agentFailurePercent: failures });
        },
        // The inventory carries each host's tarball sha256, known once the hosts are packed.
        lateClusterFiles: (_plan, tarballs) => renderRolloutInventory(rollout!, tarballs, targets),
      }));
      if (!result.ok) {
        ctx.io.err(formatDiagnosticsText(result.diagnostics));
        ctx.setExitCode(EXIT.invalid);
        return;
      }
      ctx.io.out(steps === 0 ? `mesosgen: nothing to roll out; built ${shown(args.new)} into ${args.out}\n` : `mesosgen: ${steps} steps in ${args.out}/cluster/rollout.md; run ${args.out}/cluster/rollout.sh (--dry-run first) or ${args.out}/cluster/ansible/rollout.yml (--check first)\n`);
      ctx.setExitCode(EXIT.ok);
    },
  };
}
