// Marathon apps and Chronos jobs as the APIs take them: ids and file names, the conversion between
// Marathon's deprecated and canonical network forms for the pinned version, and the order in which
// jobs must be created (parents first). Shared by the rules and the plan.
import { isChronos3, marathonHasCanonicalNetworks } from './versions.js';
import type { ClusterSpec } from './types.generated.js';

export type App = NonNullable<ClusterSpec['apps']>[number];
export type Job = NonNullable<ClusterSpec['jobs']>[number];
type PortMapping = NonNullable<NonNullable<App['container']>['portMappings']>[number];

/** Marathon makes relative ids absolute: "web" is "/web". */
export function absoluteAppId(id: string): string {
  return id.startsWith('/') ? id : `/${id}`;
}

// Marathon's PathId rule for one segment: lower-case letters and digits, "-" inside, "." between
// parts. It also keeps "." and ".." out, which a URL client would resolve as path steps.
const APP_ID_SEGMENT = /^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$/;
// Reserved from Marathon 1.7 on; refused for every version, since the ids would clash with the API.
const RESERVED_LAST = ['restart', 'tasks', 'versions'];

/**
 * Why Marathon would refuse `id` as an app id, or undefined when it is one. Spec ids and the ids a
 * build directory's app bodies hold (untrusted: they end up in a DELETE URL) go through this.
 */
export function describeAppIdError(id: string): string | undefined {
  const segments = absoluteAppId(id).slice(1).split('/');
  const bad = segments.find((s) => !APP_ID_SEGMENT.test(s));
  if (bad !== undefined) {
    return (
      `has the segment "${bad}": each segment is lower-case letters and digits, with "-" inside and "." ` +
      `between parts (no "_", no upper case, no empty, "." or ".." segments)`
    );
  }
  const last = segments[segments.length - 1];
  if (RESERVED_LAST.includes(last)) return `ends in "${last}", which Marathon reserves for its API (/v2/apps/<id>/${last})`;
  return undefined;
}

/** JobUtils.jobNamePattern, matched whole: 3.x tightened 2.x's. */
const JOB_NAME_RULES = {
  '2': { pattern: /^[\w\s.#_-]+$/, rule: 'use letters, digits, spaces, "_", ".", "#" and "-"' },
  '3': { pattern: /^[\w.-]+$/, rule: 'use letters, digits, "_", "." and "-" (no spaces or "#" since 3.0)' },
};

/**
 * Why Chronos `version` (or any version, when undefined: the widest rule) would refuse `name`, or
 * could not be reached by it: "." and ".." are path steps in the job's URL. Undefined when it is fine.
 */
export function describeJobNameError(name: string, version?: string): string | undefined {
  const { pattern, rule } = JOB_NAME_RULES[version !== undefined && isChronos3(version) ? '3' : '2'];
  if (!pattern.test(name)) return rule;
  if (name === '.' || name === '..') return `not "." or "..", which are path steps in the job's URL (/scheduler/job/<name>); ${rule}`;
  return undefined;
}


/** cluster/marathon/apps/<file>: the id without its leading "/", other "/" turned into "_". */
export function appFileName(id: string): string {
  return `${absoluteAppId(id).slice(1).replaceAll('/', '_')}.json`;
}

/** cluster/chronos/jobs/<file>: the name, with anything but letters, digits, "_", "." and "-" percent-encoded. */
export function jobFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))}.json`;
}

/** Whether the app runs in a Docker container (type DOCKER is Marathon's default for a container). */
export function isDockerApp(app: App): boolean {
  return app.container !== undefined && (app.container.type ?? 'DOCKER') === 'DOCKER';
}

/** Whether the job runs in a Docker container (Chronos honours a container only with an image). */
export function isDockerJob(job: Job): boolean {
  return job.container !== undefined && (job.container.type ?? 'DOCKER') === 'DOCKER';
}

/** Marathon 1.5 introduced `networks` and container.portMappings; 1.4 has only the docker forms. */
export function usesCanonicalNetworks(marathonVersion: string): boolean {
  return marathonHasCanonicalNetworks(marathonVersion);
}

/** Host ports an app asks for explicitly (0 means "any"), with the JSON Pointer of each, relative to the app. */
export function explicitHostPorts(app: App): Array<{ port: number; path: string }> {
  const mappings: Array<[PortMapping[] | undefined, string]> = [
    [app.container?.portMappings, '/container/portMappings'],
    [app.container?.docker?.portMappings, '/container/docker/portMappings'],
  ];
  const found = mappings.flatMap(([list, base]) => (list ?? []).map((m, i) => ({ port: m.hostPort ?? 0, path: `${base}/${i}/hostPort` })));
  if (app.requirePorts) found.push(...(app.portDefinitions ?? []).map((d, i) => ({ port: d.port ?? 0, path: `/portDefinitions/${i}/port` })));
  return found.filter((p) => p.port > 0);
}

const LEGACY_TO_MODE: Record<string, string> = { HOST: 'host', BRIDGE: 'container/bridge', USER: 'container' };
const MODE_TO_LEGACY: Record<string, string> = { host: 'HOST', 'container/bridge': 'BRIDGE', container: 'USER' };

/**
 * The body of PUT /v2/apps/<id> for the pinned Marathon: the id made absolute, and the network and
 * port-mapping fields in the form that version reads (canonical from 1.5, docker.* before).
 * Assumes the rules accepted the app (no mixed forms).
 */
export function appBody(app: App, marathonVersion: string): App {
  const body: App = structuredClone(app);
  body.id = absoluteAppId(app.id);
  const docker = body.container?.docker;
  if (usesCanonicalNetworks(marathonVersion)) {
    if (docker?.network !== undefined) {
      body.networks = [{ mode: LEGACY_TO_MODE[docker.network] as 'host' }];
      delete docker.network;
    }
    if (docker?.portMappings !== undefined && body.container) {
      body.container.portMappings = docker.portMappings;
      delete docker.portMappings;
    }
    return body;
  }
  if (body.networks !== undefined && docker) {
    const [network] = body.networks;
    docker.network = MODE_TO_LEGACY[network.mode] as 'HOST';
    if (network.mode === 'container' && network.name) (body as unknown as Record<string, unknown>).ipAddress = { networkName: network.name };
    delete body.networks;
  }
  if (body.container?.portMappings !== undefined && docker) {
    docker.portMappings = body.container.portMappings;
    delete body.container.portMappings;
  }
  return body;
}

/** Jobs in creation order: every job after its parents, otherwise in spec order. Assumes no cycle. */
export function orderJobs(jobs: readonly Job[]): Job[] {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const done = new Set<string>();
  const ordered: Job[] = [];
  const visit = (job: Job) => {
    if (done.has(job.name)) return;
    done.add(job.name);
    for (const parent of job.parents ?? []) {
      const p = byName.get(parent);
      if (p) visit(p);
    }
    ordered.push(job);
  };
  jobs.forEach(visit);
  return ordered;
}
