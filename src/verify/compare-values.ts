// How a value the build expects is compared with what a live daemon reports, and how either is
// shown. Mesos prints each flag from its parsed value (a duration as stout formats it, a bool as
// true/false), so flags compare by type; Marathon and Chronos add fields and defaults to what they
// were sent, so a body compares as "everything the build sets is there, the same".
import { parseDuration, type FlagTable } from '../catalogue/flag-types.js';
import { stableStringify } from '../util/stable-json.js';
import { escapeForMessage } from '../util/text.js';

const BYTE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

function parseBytes(text: string): number | undefined {
  const m = /^([0-9]+)(B|KB|MB|GB|TB)$/.exec(text);
  return m ? Number(m[1]) * BYTE_UNITS[m[2]] : undefined;
}

function parseBool(text: string): boolean | undefined {
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
}

// resources and attributes as the agent reads them: "name:value;name:value", in any order.
function itemSet(text: string): string {
  return text.split(';').map((item) => item.trim()).filter((item) => item !== '').sort().join(';');
}

/**
 * Whether Mesos reporting `found` for flag `name` means the value the build gave (`expected`).
 * Both are trimmed as Mesos trims its arguments; typed flags compare as their type.
 */
export function sameMesosFlag(table: FlagTable, name: string, expected: string, found: string): boolean {
  const [a, b] = [expected.trim(), found.trim()];
  if (a === b) return true;
  if (name === 'resources' || name === 'attributes') return itemSet(a) === itemSet(b);
  switch (table[name]?.type) {
    case 'bool':
      return parseBool(a) !== undefined && parseBool(a) === parseBool(b);
    case 'duration': {
      const [x, y] = [parseDuration(a), parseDuration(b)];
      return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-9;
    }
    case 'bytes':
      return parseBytes(a) !== undefined && parseBytes(a) === parseBytes(b);
    case 'int':
    case 'uint':
    case 'port':
    case 'double':
      return a !== '' && Number(a) === Number(b);
    case 'json':
      return sameJsonText(a, b);
    default:
      return false;
  }
}

function sameJsonText(a: string, b: string): boolean {
  try {
    return stableStringify(JSON.parse(a), 0) === stableStringify(JSON.parse(b), 0);
  } catch {
    return false;
  }
}

/** One field where a live body differs from the build's: its path inside the body (a JSON Pointer). */
export interface FieldDifference {
  path: string;
  expected: unknown;
  found: unknown;
}

/**
 * The fields of `expected` (what the build sends) that `found` (what the daemon returns) lacks or
 * holds differently. Fields only `found` has are the daemon's additions and defaults, not drift;
 * arrays compare item by item and must have the same length. Numbers compare by value.
 */
export function diffBody(expected: unknown, found: unknown, path = ''): FieldDifference[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(found) || found.length !== expected.length) return [{ path: path || '/', expected, found }];
    return expected.flatMap((item, i) => diffBody(item, found[i], `${path}/${i}`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (found === null || typeof found !== 'object' || Array.isArray(found)) return [{ path: path || '/', expected, found }];
    const live = found as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      diffBody(value, Object.hasOwn(live, key) ? live[key] : undefined, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
    );
  }
  return expected === found ? [] : [{ path: path || '/', expected, found }];
}

/** At most this many characters of a value reach a report: an answer may hold megabytes. */
const MAX_SHOWN = 200;

/**
 * A value for a report line: strings as they are, anything else as compact JSON, "(absent)" for
 * undefined; a zk:// URL's password left out; control and invisible characters escaped (the value
 * may come from a hostile answer), cut at MAX_SHOWN characters. Never fails.
 */
export function showValue(value: unknown): string {
  const raw = value === undefined ? '(absent)' : typeof value === 'string' ? value : stableStringify(value, 0);
  // A zk:// URL with credentials (a flag edited by hand) is shown without its password.
  const text = raw.replace(/zk:\/\/([^:@/\s"]*):[^@/\s"]*@/g, 'zk://$1:…@');
  const escaped = escapeForMessage(text);
  return escaped.length > MAX_SHOWN ? `${escaped.slice(0, MAX_SHOWN)}… (${escaped.length} characters)` : escaped;
}

/** The hosts and path of a zk:// URL with any credentials left out, for comparing two of them. */
export function zkTarget(url: string): string {
  return url.trim().replace(/^zk:\/\/[^@/]*@/, 'zk://');
}
