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

/** The packages (real or through Provides) each name can stand for: looked up, not scanned. */
type NameIndex<T extends PackageFacts> = Map<string, T[]>;

function indexByName<T extends PackageFacts>(packages: readonly T[]): NameIndex<T> {
  const index: NameIndex<T> = new Map();
  const add = (name: string, p: T) => {
    const list = index.get(name);
    if (!list) index.set(name, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  };
  for (const p of packages) {
    add(p.package, p);
    for (const v of p.provides) add(v.name, p);
  }
  return index;
}

/** Whether `p` meets one alternative, itself or through a Provides. */
function meets(p: PackageFacts, rel: Relation): boolean {
  if (p.package === rel.name && (!rel.op || satisfiesRelation(p.version, rel.op, rel.version!))) return true;
  // A versioned dependency is met only by a versioned Provides (dpkg 1.17.11 and later).
  return p.provides.some((v) => v.name === rel.name && (!rel.op || (v.version !== undefined && satisfiesRelation(v.version, rel.op, rel.version!))));
}

/** The first package of `index` (in its order) that meets `rel`, other than `except`. */
function findMeeting<T extends PackageFacts>(rel: Relation, index: NameIndex<T>, except?: T): T | undefined {
  return index.get(rel.name)?.find((q) => q !== except && meets(q, rel));
}

/** A dependency that nothing available meets, and the package that needs it. */
export interface Gap {
  package: string;
  needs: string;
}

/** Every dependency group of `packages` that neither they nor `base` meet, once per text. */
export function findGaps(packages: readonly PackageFacts[], base: readonly PackageFacts[]): Gap[] {
  const available = indexByName([...packages, ...base]);
  const gaps = new Map<string, Gap>();
  for (const p of packages) {
    for (const group of p.needs) {
      if (group.some((rel) => findMeeting(rel, available) !== undefined)) continue;
      const needs = group.map((r) => (r.op ? `${r.name} (${r.op} ${r.version})` : r.name)).join(' | ');
      if (!gaps.has(`${p.package}\0${needs}`)) gaps.set(`${p.package}\0${needs}`, { package: p.package, needs });
    }
  }
  return [...gaps.values()];
}

/**
 * The packages in an order dpkg can configure them: each after the packages it needs (the first
 * alternative met inside the list), ties by name; members of a dependency cycle by name. A depth-
 * first walk with its own stack, so a chain of any length fits. Never fails.
 */
export function orderByDependencies<T extends PackageFacts>(packages: readonly T[]): T[] {
  const sorted = [...packages].sort((a, b) => byteOrder(a.package, b.package) || compareDebianVersions(a.version, b.version));
  const index = indexByName(sorted);
  const dependencies = (p: T): T[] =>
    p.needs.map((group) => group.map((rel) => findMeeting(rel, index, p)).find(Boolean)).filter((d): d is T => d !== undefined);
  const seen = new Set<T>();
  const out: T[] = [];
  for (const root of sorted) {
    if (seen.has(root)) continue;
    seen.add(root);
    // Each frame: a package and the dependencies it has still to visit; it is placed when none is left.
    const stack: Array<{ p: T; next: T[] }> = [{ p: root, next: dependencies(root).reverse() }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const dep = top.next.pop();
      if (dep === undefined) {
        stack.pop();
        out.push(top.p);
      } else if (!seen.has(dep)) {
        seen.add(dep);
        stack.push({ p: dep, next: dependencies(dep).reverse() });
      }
    }
  }
  return out;
}

/**
 * The packages a role needs from the bundle: its own `roots` and, transitively, whatever they
 * depend on that the bundle holds (the first alternative the bundle meets). Never fails.
 */
export function closureOf<T extends PackageFacts>(roots: readonly string[], bundle: readonly T[]): Set<T> {
  const index = indexByName(bundle);
  const found = new Set<T>();
  const queue = bundle.filter((p) => roots.includes(p.package));
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i];
    if (found.has(p)) continue;
    found.add(p);
    for (const group of p.needs) {
      const dep = group.map((rel) => findMeeting(rel, index)).find(Boolean);
      if (dep && !found.has(dep)) queue.push(dep);
    }
  }
  return found;
}
