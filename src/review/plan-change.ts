// `mesosgen plan` as a library workflow: check NEW once, diff it against OLD, refuse what the risk
// rules refuse, then build NEW with its rollout. NEW is read, gathered (every .deb hashed) and
// planned once; the diff and the build use the same plan.
import { checkSpecFile, compile, type CheckOptions, type CompileResult } from '../pipeline.js';
import { diffSides, type DiffReport } from './diff.js';
import { renderRolloutDiagram } from './diagram.js';
import { renderRollout, renderRolloutInventory } from './render-rollout.js';
import { planRollout, type RolloutPlan } from './rollout.js';
import type { Side } from './side-types.js';
import { sideFromPlan } from './side.js';
import { readSshTargets } from './ssh-targets.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';

export interface PlanChangeOptions {
  /** What runs now: a spec or build directory, already opened (see openSide). */
  old: Side;
  /** The spec to roll out: its file, or its text with the name diagnostics show. */
  next: Pick<CheckOptions, 'specPath' | 'specText' | 'displayName'>;
  outDir: string;
  force?: boolean;
  /** Agents per step; default 10% of the changed agents, at least 1. */
  batch?: number;
  /** A `plan --hosts` file: how Ansible reaches each host. */
  hostsFile?: string;
  /** Percent of an agent step's hosts that may fail before the Ansible rollout stops. */
  agentFailurePercent?: number;
  allowRenumber?: boolean;
  /** Files besides the spec the caller read (OLD when it is a build directory): never replaced. */
  alsoReads?: readonly string[];
  signal?: AbortSignal;
}

export type PlanChangeResult =
  | { outcome: 'invalid'; diagnostics: LocatedDiagnostic[] }
  | { outcome: 'refused'; report: DiffReport }
  | { outcome: 'built'; report: DiffReport; steps: number; result: CompileResult };

/**
 * Plans the change from `old` to `next` and writes NEW's build with cluster/rollout.md, rollout.sh
 * and ansible/ into `outDir` (atomically). An invalid NEW or a refused change writes nothing and
 * comes back as data. Throws UsageError for I/O problems (an unreadable OLD, a wrong --hosts file)
 * and InternalError for a mesosgen bug.
 */
export async function planChange(options: PlanChangeOptions): Promise<PlanChangeResult> {
  // Check NEW once: load, validate, rules, gather, plan.
  const checked = checkSpecFile(options.next);
  if (!checked.ok || !checked.plan || !checked.withRemovedWorkloads) return { outcome: 'invalid', diagnostics: checked.diagnostics };
  // Diff OLD against that plan, host by host.
  const report = diffSides(options.old, sideFromPlan(checked.plan, options.next.displayName ?? options.next.specPath), {
    allowRenumber: options.allowRenumber ?? false,
  });
  // Read before building: a wrong --hosts file is a usage error, not a half-made plan.
  const names = new Set([...checked.plan.hosts.names, ...report.hosts.map((h) => h.name)]);
  const targets = options.hostsFile === undefined ? new Map() : readSshTargets(options.hostsFile, names);
  if (report.risks.some((r) => r.severity === 'error')) return { outcome: 'refused', report };
  // Build NEW from the same plan, its deploy.sh deleting the apps and jobs NEW drops.
  const plan = checked.withRemovedWorkloads(report.removed);
  let rollout: RolloutPlan | undefined;
  const notes = [...report.risks, ...report.hosts.flatMap((h) => h.notes)];
  const result = await compile({
    specPath: options.next.specPath,
    checked: { ...checked, plan },
    outDir: options.outDir,
    force: options.force,
    alsoReads: options.alsoReads,
    signal: options.signal,
    extraClusterFiles: (built, renderer) => {
      rollout = planRollout(report, built, options.batch);
      const diagram = renderRolloutDiagram(report, rollout);
      return renderRollout(renderer, rollout, notes, diagram, { agentFailurePercent: options.agentFailurePercent ?? 0 });
    },
    // The inventory carries each host's tarball sha256, known once the hosts are packed.
    lateClusterFiles: (_built, tarballs) => renderRolloutInventory(rollout!, tarballs, targets),
  });
  return { outcome: 'built', report, steps: rollout?.steps.length ?? 0, result };
}
