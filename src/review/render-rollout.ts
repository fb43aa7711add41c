// Renders cluster/rollout.sh and cluster/rollout.md from a rollout plan. Pure, like render/host.ts.
import { InternalError } from '../util/errors.js';
import type { RenderedFile, Renderer } from '../render/renderer.js';
import type { Risk } from './risks.js';
import type { RolloutPlan } from './rollout.js';

/** The rollout files, paths relative to cluster/. Throws InternalError when a template fails. */
export function renderRollout(renderer: Renderer, plan: RolloutPlan, risks: Risk[]): RenderedFile[] {
  const script = {
    cluster: plan.cluster,
    hosts: plan.hosts.map((h) => [h.name, h.ip, h.zkPort, h.masterPort, h.agentPort, ...h.units].join(' ')),
    steps: plan.steps.map((s) => [s.number, s.kind, s.hosts.join(',') || '-'].join(' ')),
  };
  try {
    return [
      { path: 'rollout.md', mode: 0o644, content: Buffer.from(renderer.render('rollout.md.njk', { ...plan, risks })) },
      { path: 'rollout.sh', mode: 0o755, content: Buffer.from(renderer.render('rollout.sh.njk', script)) },
    ];
  } catch (err) {
    throw new InternalError(`rollout templates failed: ${(err as Error).message}`);
  }
}
