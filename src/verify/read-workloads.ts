// The apps and jobs a build deploys: cluster/marathon/apps/*.json and cluster/chronos/jobs/*.json,
// each the body deploy.sh sends. They come from an untrusted directory (each file checked against the
// manifest as it is read), and an app id goes into a URL: it must look like one Marathon accepts.
import type { Side } from '../review/side-types.js';
import { UsageError } from '../util/errors.js';
import { parseJsonCapped } from './http-get.js';

// Marathon's app id: /-separated segments of lower-case letters, digits, "." and "-".
const APP_ID = /^(\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?)+$/;

/**
 * The build's apps by id and jobs by name. Throws UsageError naming the file when one is not JSON,
 * has no id or name, holds an id Marathon would refuse, or repeats one.
 */
export function readWorkloads(side: Side): { apps: Map<string, unknown>; jobs: Map<string, unknown> } {
  const apps = new Map<string, unknown>();
  const jobs = new Map<string, unknown>();
  for (const [path, file] of [...side.clusterFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kind = path.startsWith('marathon/apps/') ? 'app' : path.startsWith('chronos/jobs/') ? 'job' : undefined;
    if (kind === undefined || !path.endsWith('.json')) continue;
    const parsed = parseJsonCapped(file.read().toString('utf8'));
    const body = typeof parsed === 'string' ? undefined : (parsed.value as Record<string, unknown> | null);
    const key = kind === 'app' ? body?.id : body?.name;
    if (typeof key !== 'string' || (kind === 'app' && !APP_ID.test(key))) {
      const [what, field] = kind === 'app' ? ['an app', 'id'] : ['a job', 'name'];
      throw new UsageError(`cluster/${path} of the build is not ${what} mesosgen writes (no valid ${field})`);
    }
    const into = kind === 'app' ? apps : jobs;
    if (into.has(key)) throw new UsageError(`cluster/${path} of the build repeats ${kind} ${key}`);
    into.set(key, body);
  }
  return { apps, jobs };
}
