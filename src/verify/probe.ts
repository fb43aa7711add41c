// Findings as data, and the probes every check uses: a GET or a four-letter word whose failure
// becomes a finding (V_UNREACHABLE, V_BAD_ANSWER, V_AUTH_REFUSED) instead of an exception, so one
// dead endpoint never stops the checks of the others.
import type { VerifyCode } from '../diagnostics/messages.js';
import { askFourLetterWord } from './four-letter.js';
import { httpGetJson } from './http-get.js';
import { showValue } from './compare-values.js';

export type Component = 'mesos-master' | 'mesos-agent' | 'marathon' | 'chronos' | 'zookeeper';
export const COMPONENTS: readonly Component[] = ['mesos-master', 'mesos-agent', 'marathon', 'chronos', 'zookeeper'];

/** One difference between the build and the live cluster (or one endpoint that could not be asked). */
export interface Finding {
  /** The build's host name, or "cluster" for apps, jobs and the ensemble as a whole. */
  host: string;
  component: Component;
  code: VerifyCode;
  /** The flag, field path, app id, job name or endpoint concerned. */
  key: string;
  /** As shown: escaped and cut (showValue); secrets never reach a finding. */
  expected: string;
  found: string;
}

export interface ProbeContext {
  timeoutMs: number;
  /** Requests in flight at most, where a check asks many at once. */
  parallel: number;
  add(finding: Finding): void;
}

export interface Endpoint {
  host: string;
  component: Component;
  address: string;
  port: number;
}

/**
 * GETs `path` from the endpoint and returns its JSON (or, for a status in `accept`, the Location
 * header's value as `{location}`). On failure records the finding and returns undefined.
 */
export async function probeJson(
  ctx: ProbeContext,
  at: Endpoint,
  path: string,
  maxBytes: number,
  authorization?: string,
  accept?: readonly number[],
): Promise<{ json: unknown; status: number; location?: string } | undefined> {
  const outcome = await httpGetJson(at.address, at.port, path, { timeoutMs: ctx.timeoutMs, maxBytes, authorization, accept });
  if (outcome.ok) return outcome;
  const code = outcome.kind === 'unreachable' ? 'V_UNREACHABLE' : outcome.kind === 'refused' ? 'V_AUTH_REFUSED' : 'V_BAD_ANSWER';
  const key = `GET http://${at.address}:${at.port}${path}`;
  ctx.add({ host: at.host, component: at.component, code, key, expected: 'an answer', found: showValue(outcome.reason) });
  return undefined;
}

/** Asks ZooKeeper `word`; on failure records the finding and returns undefined. */
export async function probeFourLetterWord(ctx: ProbeContext, at: Endpoint, word: 'srvr' | 'conf'): Promise<Map<string, string> | undefined> {
  const outcome = await askFourLetterWord(at.address, at.port, word, ctx.timeoutMs);
  if (outcome.ok) return outcome.fields;
  ctx.add({
    host: at.host,
    component: at.component,
    code: outcome.kind === 'unreachable' ? 'V_UNREACHABLE' : 'V_BAD_ANSWER',
    key: `${word} at ${at.address}:${at.port}`,
    expected: 'an answer',
    found: showValue(outcome.reason),
  });
  return undefined;
}

/** Records that an answer lacks the shape the daemon documents (a field missing or of another type). */
export function badShape(ctx: ProbeContext, at: Endpoint, path: string, what: string): void {
  const key = `GET http://${at.address}:${at.port}${path}`;
  ctx.add({ host: at.host, component: at.component, code: 'V_BAD_ANSWER', key, expected: 'an answer', found: `answered without ${what}` });
}

/** The object `value` is, or undefined (JSON arrays and scalars are not). */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Runs `work` over `items` with at most `limit` at a time; resolves when all are done. */
export async function runPooled<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
