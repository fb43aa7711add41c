// Stage 5 (render), cluster part: the API bodies of the apps and jobs, and deploy.sh. Pure, like host.ts.
import { InternalError } from '../util/errors.js';
import type { WorkloadsPlan } from '../plan/model.js';
import type { RenderedFile, Renderer } from './renderer.js';
import { stableStringify } from '../util/stable-json.js';

/**
 * Renders OUT/cluster/: marathon/apps/*.json and chronos/jobs/*.json (sorted keys, so a change
 * reviews as a small diff) and deploy.sh. Throws InternalError when the template fails.
 */
export function renderWorkloads(renderer: Renderer, plan: WorkloadsPlan): RenderedFile[] {
  const json = (body: object) => Buffer.from(stableStringify(body) + '\n');
  let script: string;
  try {
    script = renderer.render('deploy.sh.njk', plan);
  } catch (err) {
    throw new InternalError(`template deploy.sh.njk failed: ${(err as Error).message}`);
  }
  const files: RenderedFile[] = [
    ...plan.apps.map((a) => ({ path: a.file, mode: 0o644, content: json(a.body) })),
    ...plan.jobs.map((j) => ({ path: j.file, mode: 0o644, content: json(j.body) })),
    { path: 'deploy.sh', mode: 0o755, content: Buffer.from(script) },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
