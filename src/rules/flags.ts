// Pass-through flags: each must exist in the pinned version of its program, have the right type, and
// not be one mesosgen sets itself.
import { CHRONOS_FLAGS } from '../catalogue/chronos-flags.js';
import { describeFlagTypeError, isFlagInVersion, lookupFlag, type FlagTable } from '../catalogue/flag-types.js';
import { MANAGED_AGENT_FLAGS, MANAGED_CHRONOS_FLAGS, MANAGED_MARATHON_FLAGS, MANAGED_MASTER_FLAGS } from '../catalogue/managed-flags.js';
import { MARATHON_FLAGS } from '../catalogue/marathon-flags.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../catalogue/mesos-flags.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import type { FlagValue } from '../spec/resolve.js';
import { toPointer } from '../util/pointer.js';
import { describeInexactNumber } from '../util/escape.js';
import { didYouMean } from '../util/suggest.js';
import type { Rule, RuleContext } from './rule.js';

export const masterFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, {
    program: 'mesos-master', version: ctx.spec.versions.mesos, table: MASTER_FLAGS, managed: MANAGED_MASTER_FLAGS,
    flags: ctx.spec.mesos.master.flags, base: '/mesos/master/flags', scallop: false,
  });

export const agentFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, {
    program: 'mesos-slave', version: ctx.spec.versions.mesos, table: AGENT_FLAGS, managed: MANAGED_AGENT_FLAGS,
    flags: ctx.spec.mesos.agent.flags, base: '/mesos/agent/flags', scallop: false,
  });

export const marathonFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, {
    program: 'Marathon', version: ctx.spec.versions.marathon, table: MARATHON_FLAGS, managed: MANAGED_MARATHON_FLAGS,
    flags: ctx.spec.marathon.flags, base: '/marathon/flags', scallop: true,
  });

export const chronosFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, {
    program: 'Chronos', version: ctx.spec.versions.chronos, table: CHRONOS_FLAGS, managed: MANAGED_CHRONOS_FLAGS,
    flags: ctx.spec.chronos.flags, base: '/chronos/flags', scallop: true,
  });

interface FlagSet {
  program: string;
  version: string;
  table: FlagTable;
  managed: Record<string, string>;
  flags: Record<string, FlagValue>;
  base: string;
  /** Marathon and Chronos: on/off flags are toggles, and values are not read from file:/// URLs. */
  scallop: boolean;
}

function checkFlags({ report }: RuleContext, set: FlagSet): void {
  const { version } = set;
  const names = Object.keys(set.flags);
  for (const name of names) {
    const path = set.base + toPointer(name);
    const found = lookupFlag(set.table, name);
    const managedAs = Object.hasOwn(set.managed, name) ? name : found && Object.hasOwn(set.managed, found.canonical) ? found.canonical : undefined;
    if (managedAs !== undefined) {
      report(diagnose('E_FLAG_MANAGED', path, { flag: name, field: set.managed[managedAs] }, { at: 'key' }));
      continue;
    }
    if (!found) {
      report(diagnose('E_FLAG_UNKNOWN', path, { flag: name, binary: set.program, version, hint: unknownFlagHint(set, name) }, { at: 'key' }));
      continue;
    }
    const def = set.table[found.canonical];
    if (def.removed !== undefined && !isFlagInVersion(def, version)) {
      const since = def.since ?? '';
      report(diagnose('E_FLAG_REMOVED', path, { flag: name, program: set.program, removed: def.removed, version, since }, { at: 'key' }));
      continue;
    }
    if (!isFlagInVersion(def, version)) {
      report(diagnose('E_FLAG_VERSION', path, { flag: name, program: set.program, since: def.since ?? '', version }, { at: 'key' }));
      continue;
    }
    if (found.isAlias) {
      if (names.includes(found.canonical)) report(diagnose('E_FLAG_DUPLICATE_ALIAS', path, { flag: found.canonical, alias: name }, { at: 'key' }));
      else report(diagnose('W_FLAG_DEPRECATED', path, { flag: found.canonical, alias: name }, { at: 'key' }));
    }
    if (def.build) report(diagnose('W_FLAG_BUILD_OPTION', path, { flag: name, build: def.build }, { at: 'key' }));
    // A number JSON cannot carry exactly is numbersAreExact's to report, once: its "must be an
    // integer" would only restate it.
    const value = set.flags[name];
    if (typeof value === 'number' && describeInexactNumber(value) !== undefined) continue;
    const expected = describeFlagTypeError(def, value, !set.scallop);
    if (expected) report(diagnose('E_FLAG_TYPE', path, { flag: name, expected }));
  }
}

function unknownFlagHint(set: FlagSet, name: string): string {
  // scallop's --disable_x is the off switch of toggle x, not a flag of its own.
  const toggle = name.startsWith('disable_') ? name.slice('disable_'.length) : undefined;
  if (set.scallop && toggle && set.table[toggle]?.type === 'toggle') return `; write "${toggle}": false for --${name}`;
  const known = Object.keys(set.table).filter((k) => !Object.hasOwn(set.managed, k) && isFlagInVersion(set.table[k], set.version));
  return didYouMean(name, known);
}
