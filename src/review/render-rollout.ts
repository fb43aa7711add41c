// Renders the rollout's executors from one rollout plan: cluster/rollout.sh, cluster/ansible/ and the
// reader's cluster/rollout.md. Pure, like render/host.ts.
import { InternalError } from '../util/errors.js';
import { renderInventory } from './ansible-inventory.js';
import { renderPlaybook, type PlaybookOptions } from './ansible-playbook.js';
import { renderRoleFiles } from './ansible-role.js';
import type { RenderedFile, Renderer } from '../render/renderer.js';
import type { Risk } from './risks.js';
import type { RolloutPlan } from './rollout.js';
import type { SshTarget } from './ssh-targets.js';

/**
 * The rollout files known before the hosts are packed, paths relative to cluster/; `diagram` is the
 * Mermaid block rollout.md shows (renderRolloutDiagram). Throws InternalError when a template fails.
 */
export function renderRollout(renderer: Renderer, plan: RolloutPlan, risks: Risk[], diagram: string, playbook: PlaybookOptions): RenderedFile[] {
  const script = {
    cluster: plan.cluster,
    hosts: plan.hosts.map((h) => [h.name, h.ip, h.zkPort, h.masterPort, h.agentPort, ...h.units].join(' ')),
    steps: plan.steps.map((s) => [s.number, s.kind, s.hosts.join(',') || '-'].join(' ')),
    drains: plan.drains.map((d) => `${d.host} ${d.workDir}`),
    operatorAuth: plan.operatorAuth ? 1 : 0,
  };
  try {
    return [
      { path: 'rollout.md', mode: 0o644, content: Buffer.from(renderer.render('rollout.md.njk', { ...plan, risks, diagram })) },
      { path: 'rollout.sh', mode: 0o755, content: Buffer.from(renderer.render('rollout.sh.njk', script)) },
      { path: 'ansible/rollout.yml', mode: 0o644, content: Buffer.from(renderPlaybook(plan, playbook)) },
      ...renderRoleFiles().map((f) => ({ path: `ansible/${f.path}`, mode: 0o644, content: Buffer.from(f.text) })),
    ];
  } catch (err) {
    throw new InternalError(`rollout templates failed: ${(err as Error).message}`);
  }
}

/** cluster/ansible/inventory.yml, which needs every host's tarball sha256; `targets` from plan --hosts. */
export function renderRolloutInventory(plan: RolloutPlan, tarballs: ReadonlyMap<string, string>, targets: ReadonlyMap<string, SshTarget>): RenderedFile[] {
  return [{ path: 'ansible/inventory.yml', mode: 0o644, content: Buffer.from(renderInventory(plan, tarballs, targets)) }];
}
