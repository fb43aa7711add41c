// Marathon's and Chronos' command lines as the packaged launchers must build them: the flags
// mesosgen manages (Mesos master, ZooKeeper, advertised name, HTTP port) plus the spec's pass-through
// flags, with on/off values turned into scallop's bare flags. Part of stage 4 (plan).
import { isChronos3, marathonReadsEnvFile } from '../spec/versions.js';
import { numberText } from '../util/escape.js';
import type { FlagTable } from '../catalogue/flag-types.js';
import { CHRONOS_FLAGS } from '../catalogue/chronos-flags.js';
import { MARATHON_FLAGS } from '../catalogue/marathon-flags.js';
import type { ChronosPlan, CliFlag, MarathonPlan } from './model.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import { byteOrder } from '../util/order.js';

/** Secret files of Marathon 1.4 and Chronos (relative to /): the Mesos authentication secret, no newline. */
export const MARATHON_SECRET_FILE = 'etc/marathon/mesos-authentication-secret';
export const CHRONOS_SECRET_FILE = 'etc/chronos/mesos-authentication-secret';

/** What every master shares; only the advertised name differs per host. */
export interface FrameworkContext {
  /** The Mesos zk URL, with ZooKeeper credentials when they are set. */
  mesosZkUrl: string;
  /** `user:password@` or "". */
  zkAuthority: string;
  zkAuth?: string;
  secrets: Map<string, string>;
  /** host:port of every ZooKeeper member, comma-separated. */
  zkMembers: string;
  marathonPassThrough: CliFlag[];
  chronosPassThrough: CliFlag[];
}

/** Resolves the cluster-wide parts once per build. Assumes checkSpec accepted the flags. */
export function planFrameworkContext(
  spec: ResolvedSpec,
  zkMembers: string,
  security: { zkAuthority: string; zkAuth?: string },
  secrets: Map<string, string>,
): FrameworkContext {
  return {
    mesosZkUrl: `zk://${security.zkAuthority}${zkMembers}${spec.zookeeper.mesosPath}`,
    zkAuthority: security.zkAuthority,
    zkAuth: security.zkAuth,
    secrets,
    zkMembers,
    marathonPassThrough: toCliFlags(spec.marathon.flags, MARATHON_FLAGS),
    chronosPassThrough: toCliFlags(spec.chronos.flags, CHRONOS_FLAGS),
  };
}

export function planMarathon(spec: ResolvedSpec, ctx: FrameworkContext, advertised: string): MarathonPlan {
  const { marathon } = spec;
  const secret = ctx.zkAuthority ? ({ secret: true } as const) : {};
  const own: CliFlag[] = [
    { name: 'hostname', value: advertised },
    { name: 'http_port', value: String(marathon.httpPort) },
    { name: 'master', value: ctx.mesosZkUrl, ...secret },
    { name: 'zk', value: `zk://${ctx.zkAuthority}${ctx.zkMembers}${marathon.zkPath}`, ...secret },
  ];
  // Tasks run as the Mesos user; the 1.7+ packages set root in /etc/default/marathon, which
  // mesosgen replaces, and without it tasks would run as the `marathon` service user.
  if (marathon.flags.mesos_user === undefined) own.push({ name: 'mesos_user', value: 'root' });
  const layout = marathonReadsEnvFile(spec.versions.marathon) ? 'env' : 'conf';
  const mesosSecret = ctx.secrets.get('/marathon/secret');
  if (marathon.principal !== undefined && mesosSecret !== undefined) {
    own.push({ name: 'mesos_authentication' }, { name: 'mesos_authentication_principal', value: marathon.principal });
    // 1.5+ runs as the `marathon` user and reads the environment file as root (systemd), so the
    // secret goes there; 1.4 runs as root and reads a 0600 file.
    if (layout === 'env') own.push({ name: 'mesos_authentication_secret', value: mesosSecret, secret: true });
    else own.push({ name: 'mesos_authentication_secret_file', value: `/${MARATHON_SECRET_FILE}` });
  }
  const http = marathon.httpCredentials && ctx.secrets.get('/marathon/httpCredentials/password');
  if (marathon.httpCredentials && http !== undefined) own.push({ name: 'http_credentials', value: `${marathon.httpCredentials.user}:${http}`, secret: true });
  return { layout, flags: sortFlags([...own, ...ctx.marathonPassThrough]) };
}

export function planChronos(spec: ResolvedSpec, ctx: FrameworkContext, advertised: string): ChronosPlan {
  const { chronos } = spec;
  // zk_hosts is a plain host:port list: Chronos' launcher cuts it out of /etc/mesos/zk the same way.
  const own: CliFlag[] = [
    { name: 'hostname', value: advertised },
    { name: 'http_port', value: String(chronos.httpPort) },
    { name: 'master', value: ctx.mesosZkUrl, ...(ctx.zkAuthority ? { secret: true as const } : {}) },
    { name: 'zk_hosts', value: ctx.zkMembers },
    { name: 'zk_path', value: chronos.zkPath },
  ];
  // --zk_auth exists from Chronos 3.0 on; 2.x leaves its own znodes unprotected.
  if (ctx.zkAuth && isChronos3(spec.versions.chronos)) own.push({ name: 'zk_auth', value: ctx.zkAuth, secret: true });
  if (chronos.principal !== undefined && ctx.secrets.has('/chronos/secret')) {
    own.push(
      { name: 'mesos_authentication_principal', value: chronos.principal },
      { name: 'mesos_authentication_secret_file', value: `/${CHRONOS_SECRET_FILE}` },
    );
  }
  // chaos reads MESOSPHERE_HTTP_CREDENTIALS when --http_credentials is absent: kept off the command line.
  const http = chronos.httpCredentials && ctx.secrets.get('/chronos/httpCredentials/password');
  const env = chronos.httpCredentials && http !== undefined ? [{ name: 'MESOSPHERE_HTTP_CREDENTIALS', value: `${chronos.httpCredentials.user}:${http}` }] : [];
  return { flags: sortFlags([...own, ...ctx.chronosPassThrough]), env };
}

/** Spec flags as scallop arguments: toggles become --x or --disable_x, presence flags --x or nothing. */
function toCliFlags(flags: Record<string, string | number | boolean>, table: FlagTable): CliFlag[] {
  const out: CliFlag[] = [];
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value !== 'boolean') out.push({ name, value: typeof value === 'number' ? numberText(value) : value });
    else if (table[name]?.type === 'toggle') out.push({ name: value ? name : `disable_${name}` });
    else if (value) out.push({ name });
  }
  return out;
}

function sortFlags(flags: CliFlag[]): CliFlag[] {
  return flags.sort((a, b) => byteOrder(a.name, b.name));
}
