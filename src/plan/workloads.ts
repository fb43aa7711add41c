// The cluster-wide part of the plan: each Marathon app and Chronos job as the API body deploy.sh
// sends, where it is written, and where the leaders are asked for. Part of stage 4 (plan).
import { InternalError } from '../util/errors.js';
import type { WorkloadRemovals, WorkloadsPlan } from './model.js';
import { mastersOf, type ResolvedSpec } from '../spec/resolve.js';
import { appBody, appFileName, describeAppIdError, describeJobNameError, jobFileName, orderJobs } from '../spec/workloads.js';
import { isChronos3 } from '../spec/versions.js';

/** Plans the apps and jobs; undefined when the spec has none. Assumes the rules accepted them. */
export function planWorkloads(spec: ResolvedSpec, remove: WorkloadRemovals = { apps: [], jobs: [] }): WorkloadsPlan | undefined {
  if (spec.apps.length === 0 && spec.jobs.length === 0 && remove.apps.length === 0 && remove.jobs.length === 0) return undefined;
  const masters = mastersOf(spec);
  const version = spec.versions.chronos;
  return {
    cluster: spec.cluster.name,
    marathonUrls: masters.map((m) => `http://${m.ip}:${spec.marathon.httpPort}`),
    chronosUrls: masters.map((m) => `http://${m.ip}:${spec.chronos.httpPort}`),
    chronosVersion: version,
    // Chronos 3.0 moved its API under /v1 (ChronosRestModule).
    chronosApi: isChronos3(version) ? '/v1/scheduler' : '/scheduler',
    apps: spec.apps.map((app) => {
      const body = appBody(app, spec.versions.marathon);
      return { id: body.id, file: `marathon/apps/${appFileName(app.id)}`, body };
    }),
    jobs: orderJobs(spec.jobs).map((job) => ({
      name: job.name,
      file: `chronos/jobs/${jobFileName(job.name)}`,
      endpoint: job.parents ? 'dependency' : 'iso8601',
      body: job,
    })),
    // URL path forms. The names come from the previous build, which review checked (no "." or ".."
    // step, nothing Marathon or Chronos would refuse); checked again here, as a mesosgen bug.
    remove: {
      apps: remove.apps.map((id) => `/${assertSafe(id, describeAppIdError(id)).split('/').filter(Boolean).map(encodeURIComponent).join('/')}`),
      jobs: remove.jobs.map((name) => encodeURIComponent(assertSafe(name, describeJobNameError(name)))),
    },
  };
}

function assertSafe(name: string, why: string | undefined): string {
  if (why !== undefined) throw new InternalError(`a removed app or job reached the plan unchecked: ${JSON.stringify(name)} ${why}`);
  return name;
}
