// How long the masters wait for a silent agent before marking it unreachable. Mesos has no single
// flag for it: the time is agent_ping_timeout x max_agent_ping_timeouts (master/flags.cpp), which
// should outlast the ZooKeeper session timeout so a master fail-over does not drop healthy agents.
import { parseDuration } from '../catalogue/flag-types.js';
import type { ResolvedSpec } from './resolve.js';

/** Mesos' own defaults (src/master/constants.hpp). */
const DEFAULT_PING_TIMEOUT = '15secs';
const DEFAULT_MAX_PINGS = 5;
const DEFAULT_ZK_SESSION_TIMEOUT = '10secs';

export interface AgentFailover {
  /** Set only when the spec asks for a total: the values mesosgen writes as flag files. */
  flags?: { agent_ping_timeout: string; max_agent_ping_timeouts: string };
  total: string;
  totalMs: number;
  session: string;
  sessionMs: number;
}

/**
 * The effective agent fail-over time, from /mesos/master/agentFailoverTimeout or else from the
 * pass-through flags and Mesos' defaults. Undefined when a value is not a valid duration or count
 * (the flag and duration rules report that).
 */
export function agentFailover(spec: ResolvedSpec): AgentFailover | undefined {
  const { agentFailoverTimeout, flags } = spec.mesos.master;
  const session = durationText(flags.zk_session_timeout ?? DEFAULT_ZK_SESSION_TIMEOUT);
  const sessionMs = parseDuration(session);
  if (sessionMs === undefined) return undefined;
  if (agentFailoverTimeout !== undefined) {
    const totalMs = parseDuration(agentFailoverTimeout);
    if (totalMs === undefined) return undefined;
    const ping = formatDuration(totalMs / DEFAULT_MAX_PINGS);
    const flagsOut = { agent_ping_timeout: ping, max_agent_ping_timeouts: String(DEFAULT_MAX_PINGS) };
    return { flags: flagsOut, total: agentFailoverTimeout, totalMs, session, sessionMs };
  }
  const ping = durationText(flags.agent_ping_timeout ?? flags.slave_ping_timeout ?? DEFAULT_PING_TIMEOUT);
  const count = flags.max_agent_ping_timeouts ?? flags.max_slave_ping_timeouts ?? DEFAULT_MAX_PINGS;
  const pingMs = parseDuration(ping);
  if (pingMs === undefined || typeof count !== 'number' || !Number.isSafeInteger(count)) return undefined;
  const totalMs = pingMs * count;
  return { total: `${count} x ${ping}`, totalMs, session, sessionMs };
}

// A duration flag as written; anything but a string or number fails parseDuration (the flag rules report it).
function durationText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Writes milliseconds as the shortest exact Mesos duration; sub-microsecond rests are rounded up. */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}mins`;
  if (ms % 1000 === 0) return `${ms / 1000}secs`;
  if (Number.isInteger(ms)) return `${ms}ms`;
  return `${Math.ceil(ms * 1000)}us`;
}
