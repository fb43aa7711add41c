// Marathon's and Chronos' command lines as the packaged launchers must build them: the flags
// mesosgen manages (Mesos master, ZooKeeper, advertised name, HTTP port) plus the spec's pass-through
// flags, with on/off values turned into scallop's bare flags. Part of stage 5 (plan).
import type { FlagTable } from './catalogue/flag-types.js';
import { CHRONOS_FLAGS } from './catalogue/chronos-flags.js';
import { MARATHON_FLAGS } from './catalogue/marathon-flags.js';
import { compareVersions, minorOf } from './defaults.js';
import type { ChronosPlan, CliFlag, MarathonPlan } from './model.js';
import type { ResolvedSpec } from './resolve.js';
import { byteOrder } from './util/order.js';

/** What every master shares; only the advertised name differs per host. */
export interface FrameworkContext {
  mesosZkUrl: string;
  /** host:port of every ZooKeeper member, comma-separated. */
  zkMembers: string;
  marathonPassThrough: CliFlag[];
  chronosPassThrough: CliFlag[];
}

/** Resolves the cluster-wide parts once per build. Assumes checkSpec accepted the flags. */
export function planFrameworkContext(spec: ResolvedSpec, mesosZkUrl: string, zkMembers: string): FrameworkContext {
  return {
    mesosZkUrl,
    zkMembers,
    marathonPassThrough: toCliFlags(spec.marathon.flags, MARATHON_FLAGS),
    chronosPassThrough: toCliFlags(spec.chronos.flags, CHRONOS_FLAGS),
  };
}

export function planMarathon(spec: ResolvedSpec, ctx: FrameworkContext, advertised: string): MarathonPlan {
  const { marathon } = spec;
  const own: CliFlag[] = [
    { name: 'hostname', value: advertised },
    { name: 'http_port', value: String(marathon.httpPort) },
    { name: 'master', value: ctx.mesosZkUrl },
    { name: 'zk', value: `zk://${ctx.zkMembers}${marathon.zkPath}` },
  ];
  // Tasks run as the Mesos user; the 1.7+ packages set root in /etc/default/marathon, which
  // mesosgen replaces, and without it tasks would run as the `marathon` service user.
  if (marathon.flags.mesos_user === undefined) own.push({ name: 'mesos_user', value: 'root' });
  const layout = compareVersions(minorOf(spec.versions.marathon), '1.5') >= 0 ? 'env' : 'conf';
  return { layout, flags: sortFlags([...own, ...ctx.marathonPassThrough]) };
}

export function planChronos(spec: ResolvedSpec, ctx: FrameworkContext, advertised: string): ChronosPlan {
  const { chronos } = spec;
  // zk_hosts is a plain host:port list: Chronos' launcher cuts it out of /etc/mesos/zk the same way.
  const own: CliFlag[] = [
    { name: 'hostname', value: advertised },
    { name: 'http_port', value: String(chronos.httpPort) },
    { name: 'master', value: ctx.mesosZkUrl },
    { name: 'zk_hosts', value: ctx.zkMembers },
    { name: 'zk_path', value: chronos.zkPath },
  ];
  return { flags: sortFlags([...own, ...ctx.chronosPassThrough]) };
}

/** Spec flags as scallop arguments: toggles become --x or --disable_x, presence flags --x or nothing. */
function toCliFlags(flags: Record<string, string | number | boolean>, table: FlagTable): CliFlag[] {
  const out: CliFlag[] = [];
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value !== 'boolean') out.push({ name, value: String(value) });
    else if (table[name]?.type === 'toggle') out.push({ name: value ? name : `disable_${name}` });
    else if (value) out.push({ name });
  }
  return out;
}

function sortFlags(flags: CliFlag[]): CliFlag[] {
  return flags.sort((a, b) => byteOrder(a.name, b.name));
}
