// How mesosgen checks and writes a flag value of each type. The Mesos types follow stout's parsers
// (3rdparty/stout/include/stout/flags/parse.hpp, duration.hpp, bytes.hpp); `toggle` and `presence`
// are the two boolean kinds of scallop, the parser of Marathon and Chronos.
import { numberText } from '../util/escape.js';
import { compareVersions, minorOf } from '../util/version.js';
import { stableStringify } from '../util/stable-json.js';

export type FlagType =
  | 'bool'
  | 'int'
  | 'uint'
  | 'port'
  | 'double'
  | 'duration'
  | 'bytes'
  | 'string'
  | 'path'
  | 'json'
  /** scallop toggle: `--name` turns it on, `--disable_name` off. */
  | 'toggle'
  /** scallop opt[Boolean]: a bare `--name` turns it on; there is no way to turn it off. */
  | 'presence';

export interface FlagDef {
  type: FlagType;
  /** Deprecated name that also loads this flag. */
  alias?: string;
  /** Compile-time option the flag depends on. */
  build?: string;
  /** First minor version that has the flag. */
  since?: string;
  /** First minor version that no longer accepts it. */
  removed?: string;
  /** A presence flag that is already on by default, so `false` cannot be expressed. */
  on?: true;
}

export type FlagTable = Record<string, FlagDef>;

const DURATION = /^[0-9]+(\.[0-9]+)?(ns|us|ms|secs|mins|hrs|days|weeks)$/;
const BYTES = /^[0-9]+(B|KB|MB|GB|TB)$/;
// stout reads `file:///abs/path` values from that file for every type except Path.
const FILE_URL = /^file:\/\/\/.+$/;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, ms: 1, secs: 1e3, mins: 60e3, hrs: 3600e3, days: 86400e3, weeks: 604800e3,
};

/** Parses a Mesos duration such as `5mins` to milliseconds; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const unit = m[2];
  return Number(text.slice(0, text.length - unit.length)) * UNIT_MS[unit];
}

/**
 * Checks a flag value from the spec against its type. `fileUrls`: the program reads `file:///path`
 * values from that file (Mesos does; Marathon and Chronos do not). Returns undefined when it is acceptable,
 * otherwise a description of what is expected ("a duration such as 30secs").
 */
export function describeFlagTypeError(def: FlagDef, value: unknown, fileUrls: boolean): string | undefined {
  const { type } = def;
  const isFileUrl = fileUrls && typeof value === 'string' && FILE_URL.test(value) && type !== 'path';
  if (isFileUrl) return undefined;
  // Line breaks and control characters are refused for every value by rules/text.ts.
  const nonBlank = typeof value === 'string' && value.trim() !== '';
  switch (type) {
    case 'bool':
    case 'toggle':
      return typeof value === 'boolean' ? undefined : 'true or false (a JSON boolean, not a string)';
    case 'presence':
      if (def.on) return value === true ? undefined : 'true: it is on by default and cannot be turned off';
      return typeof value === 'boolean' ? undefined : 'true or false (a JSON boolean, not a string)';
    case 'int':
      return Number.isSafeInteger(value) ? undefined : 'an integer';
    case 'uint':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'a non-negative integer';
    case 'port':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535 ? undefined : 'a port number 0-65535';
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
    case 'duration':
      return typeof value === 'string' && DURATION.test(value) ? undefined : 'a duration such as 30secs, 5mins or 2hrs';
    case 'bytes':
      return typeof value === 'string' && BYTES.test(value) ? undefined : 'a size such as 512MB or 2GB';
    case 'path':
      return nonBlank && (value).startsWith('/') ? undefined : 'an absolute path';
    case 'string':
      return nonBlank ? undefined : 'a non-empty string';
    case 'json':
      return (typeof value === 'object' && value !== null) || nonBlank ? undefined : 'a JSON object or a file:/// path';
  }
}

/** The flag value as mesos-init-wrapper must pass it: JSON values compact with sorted keys. */
export function flagValueText(value: string | number | boolean | object): string {
  return typeof value === 'object' ? stableStringify(value, 0) : typeof value === 'number' ? numberText(value) : String(value);
}

/** Whether the pinned version (any patch level) has the flag: added by then and not yet removed. */
export function isFlagInVersion(def: FlagDef, version: string): boolean {
  const minor = minorOf(version);
  const added = def.since === undefined || compareVersions(minor, def.since) >= 0;
  const gone = def.removed !== undefined && compareVersions(minor, def.removed) >= 0;
  return added && !gone;
}

/** The catalogue entry for a flag name or its deprecated alias, whatever the version. */
export function lookupFlag(table: FlagTable, name: string): { canonical: string; isAlias: boolean } | undefined {
  if (Object.hasOwn(table, name)) return { canonical: name, isAlias: false };
  const canonical = Object.keys(table).find((k) => table[k].alias === name);
  return canonical === undefined ? undefined : { canonical, isAlias: true };
}
