// Mesos against the build: each daemon's GET /flags (Mesos lists every flag with its defaults, so only
// the flags the build gives are compared), each master's GET /version, and the leading master's
// registered agents (GET /master/slaves: the agents with their hostname, resources and attributes,
// without the frameworks and tasks that make /master/state tens of megabytes on a large cluster).
import { AGENT_FLAGS, MASTER_FLAGS } from '../catalogue/mesos-flags.js';
import { lookupFlag, type FlagTable } from '../catalogue/flag-types.js';
import { sameMesosFlag, showValue } from './compare-values.js';
import type { HostExpectation } from './expect-host.js';
import { asObject, badShape, probeJson, type Endpoint, type ProbeContext } from './probe.js';

/** /flags lists a few hundred short flags: a few KiB. */
const MAX_FLAGS_BYTES = 4 * 1024 * 1024;
const MAX_VERSION_BYTES = 64 * 1024;

/** A registered agent as /master/slaves lists it. */
export interface RegisteredAgent {
  hostname: unknown;
  resources: Record<string, unknown>;
  attributes: Record<string, unknown>;
  active: unknown;
  pid: string;
}

/** Compares one daemon's /flags with the flags its launcher gives it. */
export async function checkMesosFlags(
  ctx: ProbeContext,
  at: Endpoint,
  expected: ReadonlyMap<string, string>,
  authorization?: string,
): Promise<void> {
  const answer = await probeJson(ctx, at, '/flags', MAX_FLAGS_BYTES, authorization);
  if (!answer) return;
  const live = asObject(asObject(answer.json)?.flags);
  if (!live) {
    badShape(ctx, at, '/flags', 'a "flags" object');
    return;
  }
  const table: FlagTable = at.component === 'mesos-master' ? MASTER_FLAGS : AGENT_FLAGS;
  for (const [name, value] of expected) {
    // Mesos reports a flag under its name, never the deprecated alias it was loaded by.
    const canonical = lookupFlag(table, name)?.canonical ?? name;
    const found = live[canonical];
    const text = typeof found === 'string' ? found : found === undefined ? undefined : JSON.stringify(found);
    if (text === undefined) ctx.add({ ...where(at), code: 'V_FLAG_UNSET', key: canonical, expected: showValue(value), found: '(absent)' });
    else if (!sameMesosFlag(table, canonical, value, text))
      ctx.add({ ...where(at), code: 'V_FLAG_VALUE', key: canonical, expected: showValue(value), found: showValue(text) });
  }
}

/** Compares a master's /version with the Mesos version the build pins (1.9.0; a pin 1.9 takes any 1.9.x). */
export async function checkMesosVersion(ctx: ProbeContext, at: Endpoint, pinned: string, authorization?: string): Promise<void> {
  const answer = await probeJson(ctx, at, '/version', MAX_VERSION_BYTES, authorization);
  if (!answer) return;
  const version = asObject(answer.json)?.version;
  if (typeof version !== 'string') badShape(ctx, at, '/version', 'a "version" string');
  else if (version !== pinned && !version.startsWith(`${pinned}.`))
    ctx.add({ ...where(at), code: 'V_VERSION', key: 'mesos-master', expected: pinned, found: showValue(version) });
}

/**
 * Asks a master which master leads (GET /master/redirect: 307 with Location //ip:port). Returns
 * "ip:port" as the Location gives it, or undefined when it cannot say (recorded as a finding).
 */
export async function askMesosLeader(ctx: ProbeContext, at: Endpoint, authorization?: string): Promise<string | undefined> {
  const answer = await probeJson(ctx, at, '/master/redirect', MAX_VERSION_BYTES, authorization, [307, 503]);
  if (!answer) return undefined;
  // 503: the masters have elected no leader.
  if (answer.status === 503) {
    ctx.add({ ...where(at), code: 'V_NO_LEADER', key: 'leader', expected: 'an elected leader', found: 'no leader elected' });
    return undefined;
  }
  const m = /^(?:https?:)?\/\/([0-9.]{7,15}:[0-9]{1,5})(?:\/.*)?$/.exec(answer.location ?? '');
  if (!m) badShape(ctx, at, '/master/redirect', 'a 307 to //ip:port');
  return m?.[1];
}

/**
 * The agents registered with the leading master, by the ip:port of their pid (slave(1)@ip:port).
 * `maxBytes` grows with the build's agents. Undefined when the master cannot be asked (recorded).
 */
export async function listRegisteredAgents(
  ctx: ProbeContext,
  at: Endpoint,
  maxBytes: number,
  authorization?: string,
): Promise<Map<string, RegisteredAgent> | undefined> {
  const answer = await probeJson(ctx, at, '/master/slaves', maxBytes, authorization);
  if (!answer) return undefined;
  const slaves = asObject(answer.json)?.slaves;
  if (!Array.isArray(slaves)) {
    badShape(ctx, at, '/master/slaves', 'a "slaves" list');
    return undefined;
  }
  const agents = new Map<string, RegisteredAgent>();
  for (const item of slaves) {
    const slave = asObject(item);
    const pid = slave?.pid;
    if (!slave || typeof pid !== 'string') {
      badShape(ctx, at, '/master/slaves', 'a "pid" for every agent');
      return undefined;
    }
    agents.set(pid.replace(/^[^@]*@/, ''), {
      pid,
      hostname: slave.hostname,
      resources: asObject(slave.resources) ?? {},
      attributes: asObject(slave.attributes) ?? {},
      active: slave.active,
    });
  }
  return agents;
}

/**
 * Compares an agent's registration with the build: registered at all, active, its hostname and the
 * resources and attributes it was given. `registered` is the leading master's list; the entry found
 * is removed, so what remains at the end are agents the build does not have.
 */
export function checkRegistration(ctx: ProbeContext, host: HostExpectation, registered: Map<string, RegisteredAgent>): void {
  const key = `${host.ip}:${host.ports.agent ?? 5051}`;
  const agent = registered.get(key);
  const base = { host: host.name, component: 'mesos-agent' as const };
  if (!agent) {
    ctx.add({ ...base, code: 'V_AGENT_MISSING', key: host.name, expected: key, found: '(not registered)' });
    return;
  }
  registered.delete(key);
  if (agent.active !== true) ctx.add({ ...base, code: 'V_AGENT_INACTIVE', key: host.name, expected: 'active', found: 'deactivated' });
  const flags = host.agent ?? new Map<string, string>();
  const hostname = flags.get('hostname');
  if (hostname !== undefined && agent.hostname !== hostname)
    ctx.add({ ...base, code: 'V_AGENT_FIELD', key: 'hostname', expected: showValue(hostname), found: showValue(agent.hostname) });
  for (const kind of ['resources', 'attributes'] as const) {
    for (const item of (flags.get(kind) ?? '').split(';').filter((i) => i !== '')) {
      const at = item.indexOf(':');
      const [name, value] = [item.slice(0, at), item.slice(at + 1)];
      // A reservation (cpus(role):2) is reported under reserved_resources, not compared here.
      if (name.includes('(')) continue;
      const found = agent[kind][name];
      if (!sameScalar(value, found))
        ctx.add({ ...base, code: 'V_AGENT_FIELD', key: `${kind}/${name}`, expected: showValue(value), found: showValue(found) });
    }
  }
}

// A resource or attribute as the master reports it: a number for scalars, "[a-b, c-d]" for ranges, text.
function sameScalar(expected: string, found: unknown): boolean {
  if (typeof found === 'number') return expected.trim() !== '' && Number(expected) === found;
  return typeof found === 'string' && found.replace(/\s+/g, '') === expected.replace(/\s+/g, '');
}

function where(at: Endpoint): { host: string; component: Endpoint['component'] } {
  return { host: at.host, component: at.component };
}
