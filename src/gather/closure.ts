// Does a role's bundle install on the target? apt-get refuses an offline install as soon as one
// dependency is neither in the bundle nor installed, so this checks each role's packages the way
// apt would (Depends and Pre-Depends, alternatives, version relations, Provides) against the
// bundled packages of that role plus the target image's package list, and orders the bundle so
// that dependencies come first.
import { compareDebianVersions, satisfiesRelation } from '../util/debian-version.js';
import { byteOrder } from '../util/order.js';

/** One alternative of a dependency: `name (op version)`. */
export interface Relation {
  name: string;
  op?: string;
  version?: string;
}

/** A package as the closure check sees it: what it is, what it provides, what it needs. */
export interface PackageFacts {
  package: string;
  version: string;
  /** Virtual packages, each with its version when the Provides entry gives one. */
  provides: Relation[];
  /** Depends and Pre-Depends: every group must be met by one of its alternatives. */
  needs: Relation[][];
}

/** Parses a Depends/Pre-Depends/Provides field: groups separated by ",", alternatives by "|". */
export function parseRelations(field: string): Relation[][] {
  return field
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
    .map((group) =>
      group.split('|').map((alt) => {
        // "libc6:any (>= 2.34)", arch qualifiers and restrictions are irrelevant to a binary install.
        const m = /^\s*([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9-]+)?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^)\s]+)\s*\))?/.exec(alt);
        return m ? { name: m[1], ...(m[2] ? { op: m[2], version: m[3] } : {}) } : { name: alt.trim() };
      }),
    );
}

/** Facts of a package from its control fields. */
export function factsOf(control: { package: string; version: string; depends: string; preDepends: string; provides: string }): PackageFacts {
  return {
    package: control.package,
    version: control.version,
    provides: parseRelations(control.provides).map((g) => g[0]),
    needs: [...parseRelations(control.preDepends), ...parseRelations(control.depends)],
  };
}

/**
 * Reads a package list as `dpkg-query -W -f='${Package} ${Version} ${Provides}\n'` prints it.
 * Lines without a version (packages known but not installed) are skipped. Never fails.
 */
export function parseBaseList(text: string): PackageFacts[] {
  return text
    .split('\n')
    .map((line) => /^(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ package: m[1].replace(/:[a-z0-9-]+$/, ''), version: m[2], provides: parseRelations(m[3]).map((g) => g[0]), needs: [] }));
}

/** Whether one alternative is met by the available packages (real ones, or a Provides). */
function isMet(rel: Relation, available: readonly PackageFacts[]): boolean {
  return available.some((p) => {
    if (p.package === rel.name && (!rel.op || satisfiesRelation(p.version, rel.op, rel.version!))) return true;
    // A versioned dependency is met only by a versioned Provides (dpkg 1.17.11 and later).
    return p.provides.some((v) => v.name === rel.name && (!rel.op || (v.version !== undefined && satisfiesRelation(v.version, rel.op, rel.version!))));
  });
}

/** A dependency that nothing available meets, and the package that needs it. */
export interface Gap {
  package: string;
  needs: string;
}

/** Every dependency group of `packages` that neither they nor `base` meet, once per text. */
export function findGaps(packages: readonly PackageFacts[], base: readonly PackageFacts[]): Gap[] {
  const available = [...packages, ...base];
  const gaps = new Map<string, Gap>();
  for (const p of packages) {
    for (const group of p.needs) {
      if (group.some((rel) => isMet(rel, available))) continue;
      const needs = group.map((r) => (r.op ? `${r.name} (${r.op} ${r.version})` : r.name)).join(' | ');
      if (!gaps.has(`${p.package}\0${needs}`)) gaps.set(`${p.package}\0${needs}`, { package: p.package, needs });
    }
  }
  return [...gaps.values()];
}

/**
 * The packages in an order dpkg can configure them: each after the packages it needs (the first
 * alternative met inside the list), ties by name; members of a dependency cycle by name. Never fails.
 */
export function orderByDependencies<T extends PackageFacts>(packages: readonly T[]): T[] {
  const sorted = [...packages].sort((a, b) => byteOrder(a.package, b.package) || compareDebianVersions(a.version, b.version));
  const done = new Set<T>();
  const visiting = new Set<T>();
  const out: T[] = [];
  const visit = (p: T) => {
    if (done.has(p) || visiting.has(p)) return;
    visiting.add(p);
    for (const group of p.needs) {
      const dep = group.map((rel) => sorted.find((q) => q !== p && isMet(rel, [q]))).find(Boolean);
      if (dep) visit(dep);
    }
    visiting.delete(p);
    done.add(p);
    out.push(p);
  };
  sorted.forEach(visit);
  return out;
}

/**
 * The packages a role needs from the bundle: its own `roots` and, transitively, whatever they
 * depend on that the bundle holds (the first alternative the bundle meets). Never fails.
 */
export function closureOf<T extends PackageFacts>(roots: readonly string[], bundle: readonly T[]): Set<T> {
  const found = new Set<T>();
  const queue = bundle.filter((p) => roots.includes(p.package));
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (found.has(p)) continue;
    found.add(p);
    for (const group of p.needs) {
      const dep = group.map((rel) => bundle.find((q) => isMet(rel, [q]))).find(Boolean);
      if (dep && !found.has(dep)) queue.push(dep);
    }
  }
  return found;
}
