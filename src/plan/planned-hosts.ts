// A plan's hosts, planned one at a time as the build reaches them, so memory does not grow with the
// cluster. Used by plan/cluster.ts; consumers see the HostPlans interface of model.ts.
import type { HostPlan, HostPlans } from './model.js';
import type { Host } from '../spec/types.generated.js';

/** A JSON spec's text and where each host is in it (findHostRanges), in the spec's order. */
export interface HostSource {
  text: string;
  ranges: Uint32Array;
}

/**
 * The hosts of a plan, each planned when it is reached: a build holds one host's plan at a time,
 * however large the cluster. Each host's spec is kept as JSON text and parsed again when the host
 * is planned: as parsed objects, 100,000 hosts held some 40 MB for the whole build. For a JSON spec
 * that text is the spec's own (a range of it); otherwise each host's JSON.stringify (about 150 bytes
 * each, 20 MB at 100,000 hosts). Planning is pure, so iterating twice plans twice and gives equal plans.
 */
export class PlannedHosts implements HostPlans {
  readonly length: number;
  readonly names: readonly string[];
  private readonly textOf: (k: number) => string;

  /**
   * `specs` (in build order) are values JSON.parse made: their JSON text reads back as them.
   * `order[k]` is the index in the spec of `specs[k]`, and `source` the spec's text, when it is JSON.
   */
  constructor(specs: readonly Host[], private readonly planHost: (host: Host) => HostPlan, source?: HostSource & { order: Uint32Array }) {
    this.length = specs.length;
    this.names = specs.map((h) => h.name);
    const ends = specs.length === 0 || (source !== undefined && sameHost(source, 0, specs) && sameHost(source, specs.length - 1, specs));
    if (source && source.ranges.length === 2 * specs.length && ends) {
      const { text, ranges, order } = source;
      this.textOf = (k) => text.slice(ranges[2 * order[k]], ranges[2 * order[k] + 1]);
    } else {
      const texts = specs.map((h) => JSON.stringify(h));
      this.textOf = (k) => texts[k];
    }
  }

  *[Symbol.iterator](): Iterator<HostPlan> {
    for (let k = 0; k < this.length; k++) yield this.planAt(k);
  }

  map<T>(f: (host: HostPlan) => T): T[] {
    return Array.from({ length: this.length }, (_, k) => f(this.planAt(k)));
  }

  filter(f: (host: HostPlan) => unknown): HostPlan[] {
    return [...this].filter(f);
  }

  find(f: (host: HostPlan) => unknown): HostPlan | undefined {
    for (const host of this) if (f(host)) return host;
    return undefined;
  }

  private planAt(k: number): HostPlan {
    return this.planHost(JSON.parse(this.textOf(k)) as Host);
  }
}

// A cheap guard on the ranges: the first and the last host read back as the parsed ones.
function sameHost(source: HostSource & { order: Uint32Array }, k: number, specs: readonly Host[]): boolean {
  const i = source.order[k];
  try {
    return JSON.stringify(JSON.parse(source.text.slice(source.ranges[2 * i], source.ranges[2 * i + 1]))) === JSON.stringify(specs[k]);
  } catch {
    return false;
  }
}
