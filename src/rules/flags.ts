// Pass-through flags: each must exist in the pinned Mesos version, have the right type, and not be
// one mesosgen sets itself.
import { describeFlagTypeError, lookupFlag, type FlagTable } from '../catalogue/flag-types.js';
import { MANAGED_AGENT_FLAGS, MANAGED_MASTER_FLAGS } from '../catalogue/managed-flags.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../catalogue/mesos-flags.js';
import { compareVersions, minorOf } from '../defaults.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import type { FlagValue } from '../resolve.js';
import { toPointer } from '../util/pointer.js';
import { didYouMean } from '../util/suggest.js';
import type { Rule, RuleContext } from './rule.js';

export const masterFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, { binary: 'mesos-master', table: MASTER_FLAGS, managed: MANAGED_MASTER_FLAGS, flags: ctx.spec.mesos.master.flags, base: '/mesos/master/flags' });

export const agentFlagsAreValid: Rule = (ctx) =>
  checkFlags(ctx, { binary: 'mesos-slave', table: AGENT_FLAGS, managed: MANAGED_AGENT_FLAGS, flags: ctx.spec.mesos.agent.flags, base: '/mesos/agent/flags' });

interface FlagSet {
  binary: string;
  table: FlagTable;
  managed: Record<string, string>;
  flags: Record<string, FlagValue>;
  base: string;
}

function checkFlags({ spec, report }: RuleContext, set: FlagSet): void {
  const version = spec.versions.mesos;
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
      const known = Object.keys(set.table).filter((k) => !Object.hasOwn(set.managed, k) && isInVersion(set.table, k, version));
      report(diagnose('E_FLAG_UNKNOWN', path, { flag: name, binary: set.binary, version, hint: didYouMean(name, known) }, { at: 'key' }));
      continue;
    }
    const def = set.table[found.canonical];
    if (!isInVersion(set.table, found.canonical, version)) {
      report(diagnose('E_FLAG_VERSION', path, { flag: name, since: def.since ?? '', version }, { at: 'key' }));
      continue;
    }
    if (found.isAlias) {
      if (names.includes(found.canonical)) report(diagnose('E_FLAG_DUPLICATE_ALIAS', path, { flag: found.canonical, alias: name }, { at: 'key' }));
      else report(diagnose('W_FLAG_DEPRECATED', path, { flag: found.canonical, alias: name }, { at: 'key' }));
    }
    if (def.build) report(diagnose('W_FLAG_BUILD_OPTION', path, { flag: name, build: def.build }, { at: 'key' }));
    const expected = describeFlagTypeError(def.type, set.flags[name]);
    if (expected) report(diagnose('E_FLAG_TYPE', path, { flag: name, expected }));
  }
}

function isInVersion(table: FlagTable, name: string, version: string): boolean {
  const since = table[name].since;
  return since === undefined || compareVersions(minorOf(version), since) >= 0;
}
