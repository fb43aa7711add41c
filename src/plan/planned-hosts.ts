// A plan's hosts, planned one at a time as the build reaches them, so memory does not grow with the
// cluster. Used by plan/cluster.ts; consumers see the HostPlans interface of model.ts.
import type { HostPlan, HostPlans } from './model.js';
import type { Host } from '../spec/types.generated.js';

/**
 * The hosts of a plan, each planned when it is reached: a build holds one host's plan at a time,
 * however large the cluster. Each host's spec is kept as its JSON text (about 150 bytes), parsed
 * again when the host is planned: as parsed objects, 100,000 hosts held some 40 MB for the whole
 * build. Planning is pure, so iterating twice plans twice and gives equal plans.
 */
export class PlannedHosts implements HostPlans {
  readonly length: number;
  readonly names: readonly string[];
  private readonly specs: readonly string[];

  /** `specs` are values JSON.parse made (or the same data): their JSON text reads back as them. */
  constructor(specs: readonly Host[], private readonly planHost: (host: Host) => HostPlan) {
    this.length = specs.length;
    this.names = specs.map((h) => h.name);
    this.specs = specs.map((h) => JSON.stringify(h));
  }

  *[Symbol.iterator](): Iterator<HostPlan> {
    for (const text of this.specs) yield this.planHost(JSON.parse(text) as Host);
  }

  map<T>(f: (host: HostPlan) => T): T[] {
    return this.specs.map((text) => f(this.planHost(JSON.parse(text) as Host)));
  }

  filter(f: (host: HostPlan) => unknown): HostPlan[] {
    return [...this].filter(f);
  }

  find(f: (host: HostPlan) => unknown): HostPlan | undefined {
    for (const host of this) if (f(host)) return host;
    return undefined;
  }
}
