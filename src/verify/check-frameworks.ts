// Marathon and Chronos against the build: each master's Marathon configuration (GET /v2/info), the
// apps (GET /v2/apps/<id>, which Marathon wraps as {"app": …}, and GET /v2/apps for the apps the build
// does not have), and the Chronos jobs (GET <api>/jobs). The daemons add fields and defaults to what
// they were sent, so a body is drift only where a field the build sets differs (diffBody), or where a
// field the build leaves out holds something other than the daemon's own default.
import { stableStringify } from '../util/stable-json.js';
import { diffBody, showValue, zkTarget } from './compare-values.js';
import type { HostExpectation } from './expect-host.js';
import { asObject, badShape, probeJson, runPooled, type Endpoint, type ProbeContext } from './probe.js';

const MAX_INFO_BYTES = 1024 * 1024;
/** One app or the whole list; Marathon's own limits keep a cluster's apps well under this. */
const MAX_APP_BYTES = 4 * 1024 * 1024;
const MAX_LIST_BYTES = 256 * 1024 * 1024;

// What Marathon returns for a field an app leaves out (AppDefinition.scala's defaults): anything
// else there was set by someone, not by the build.
const MARATHON_APP_DEFAULTS: Record<string, unknown> = {
  instances: 1, cpus: 1, mem: 128, disk: 0, gpus: 0, constraints: [], env: {}, labels: {}, healthChecks: [], fetch: [], uris: [], dependencies: [],
};

/** HTTP basic credentials ("user:password") as an Authorization header. */
export function basicAuth(credentials: string | undefined): string | undefined {
  return credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** Compares a master's Marathon /v2/info with the flags the build gives it. Returns whether it answered. */
export async function checkMarathonInfo(ctx: ProbeContext, at: Endpoint, host: HostExpectation): Promise<boolean> {
  const marathon = host.marathon!;
  const answer = await probeJson(ctx, at, '/v2/info', MAX_INFO_BYTES, basicAuth(marathon.credentials));
  if (!answer) return false;
  const info = asObject(answer.json);
  if (!info) {
    badShape(ctx, at, '/v2/info', 'an object');
    return false;
  }
  const live: Record<string, unknown> = {
    http_port: asObject(info.http_config)?.http_port,
    zk: asObject(info.zookeeper_config)?.zk,
    master: asObject(info.marathon_config)?.master,
  };
  const expected: Record<string, string | undefined> = { http_port: String(marathon.port), zk: marathon.zk, master: marathon.master };
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) continue;
    const found = live[key];
    // /v2/info prints the zk URL without its credentials: compare hosts and path only (showValue
    // leaves any password out of what is shown).
    const same = key === 'http_port' ? Number(value) === found : typeof found === 'string' && zkTarget(found) === zkTarget(value);
    if (!same) ctx.add({ host: at.host, component: 'marathon', code: 'V_MARATHON_CONFIG', key, expected: showValue(value), found: showValue(found) });
  }
  return true;
}

/** Compares Marathon's apps with the build's (`apps`: id → the body deploy.sh PUTs). */
export async function checkMarathonApps(
  ctx: ProbeContext,
  at: Endpoint,
  apps: ReadonlyMap<string, unknown>,
  credentials: string | undefined,
): Promise<void> {
  const auth = basicAuth(credentials);
  const base = { host: 'cluster', component: 'marathon' as const };
  await runPooled(apps, ctx.parallel, async ([id, body]) => {
    const answer = await probeJson(ctx, at, `/v2/apps${id}`, MAX_APP_BYTES, auth, [404]);
    if (!answer) return;
    if (answer.status === 404) {
      ctx.add({ ...base, code: 'V_APP_MISSING', key: id, expected: 'deployed', found: '(absent)' });
      return;
    }
    const app = asObject(asObject(answer.json)?.app);
    if (!app) {
      badShape(ctx, at, `/v2/apps${id}`, 'an "app" object');
      return;
    }
    for (const d of diffBody(body, app))
      ctx.add({ ...base, code: 'V_APP_FIELD', key: `${id}${d.path}`, expected: showValue(d.expected), found: showValue(d.found) });
    const sent = asObject(body) ?? {};
    for (const [field, fallback] of Object.entries(MARATHON_APP_DEFAULTS)) {
      if (Object.hasOwn(sent, field) || !Object.hasOwn(app, field)) continue;
      if (stableStringify(app[field], 0) !== stableStringify(fallback, 0))
        ctx.add({ ...base, code: 'V_APP_FIELD', key: `${id}/${field}`, expected: `(not set: ${showValue(fallback)})`, found: showValue(app[field]) });
    }
  });
  const list = await probeJson(ctx, at, '/v2/apps', MAX_LIST_BYTES, auth);
  if (!list) return;
  const running = asObject(list.json)?.apps;
  if (!Array.isArray(running)) {
    badShape(ctx, at, '/v2/apps', 'an "apps" list');
    return;
  }
  for (const app of running) {
    const id = asObject(app)?.id;
    if (typeof id === 'string' && !apps.has(id)) ctx.add({ ...base, code: 'V_APP_EXTRA', key: showValue(id), expected: '(absent)', found: 'running' });
  }
}

/** Asks a master's Chronos for its leader (<api>/leader); returns whether it answered. */
export async function checkChronosReachable(ctx: ProbeContext, at: Endpoint, api: string, credentials: string | undefined): Promise<boolean> {
  const answer = await probeJson(ctx, at, `${api}/leader`, MAX_INFO_BYTES, basicAuth(credentials));
  if (!answer) return false;
  if (typeof asObject(answer.json)?.leader === 'string') return true;
  badShape(ctx, at, `${api}/leader`, 'a "leader"');
  return false;
}

/** Compares Chronos' jobs (<api>/jobs: a list of job objects) with the build's (`jobs`: name → body). */
export async function checkChronosJobs(
  ctx: ProbeContext,
  at: Endpoint,
  api: string,
  jobs: ReadonlyMap<string, unknown>,
  credentials: string | undefined,
): Promise<void> {
  const answer = await probeJson(ctx, at, `${api}/jobs`, MAX_LIST_BYTES, basicAuth(credentials));
  if (!answer) return;
  if (!Array.isArray(answer.json)) {
    badShape(ctx, at, `${api}/jobs`, 'a list of jobs');
    return;
  }
  const base = { host: 'cluster', component: 'chronos' as const };
  const live = new Map<string, Record<string, unknown>>();
  for (const item of answer.json) {
    const job = asObject(item);
    if (job && typeof job.name === 'string') live.set(job.name, job);
  }
  for (const [name, body] of jobs) {
    const job = live.get(name);
    live.delete(name);
    if (!job) {
      ctx.add({ ...base, code: 'V_JOB_MISSING', key: name, expected: 'saved', found: '(absent)' });
      continue;
    }
    const sent = { ...(asObject(body) ?? {}) };
    // Chronos moves a schedule's start to the next run and counts its repetitions down as it runs:
    // only the period and whether it repeats for ever are the build's.
    if (typeof sent.schedule === 'string') {
      if (!sameSchedule(sent.schedule, job.schedule))
        ctx.add({ ...base, code: 'V_JOB_FIELD', key: `${name}/schedule`, expected: showValue(sent.schedule), found: showValue(job.schedule) });
      delete sent.schedule;
    }
    for (const d of diffBody(sent, job))
      ctx.add({ ...base, code: 'V_JOB_FIELD', key: `${name}${d.path}`, expected: showValue(d.expected), found: showValue(d.found) });
  }
  for (const name of live.keys()) ctx.add({ ...base, code: 'V_JOB_EXTRA', key: showValue(name), expected: '(absent)', found: 'saved' });
}

// ISO 8601 repeating interval R[n]/<start>/<period>.
function sameSchedule(expected: string, found: unknown): boolean {
  if (typeof found !== 'string') return false;
  const [a, b] = [expected.split('/'), found.split('/')];
  return a.length === 3 && b.length === 3 && (a[0] === 'R') === (b[0] === 'R') && a[2] === b[2];
}
