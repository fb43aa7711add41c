// Stage 1 (spec), validate: check the document's structure against schema/cluster.schema.json with ajv.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { shippedPath } from '../util/paths.js';
import type { ClusterSpec } from './types.generated.js';
import { validateCluster } from './validators.generated.js';
import { toPointer } from '../util/pointer.js';
import { isAscii } from '../util/text.js';
import { didYouMean } from '../util/suggest.js';

/** The JSON Schema text as shipped (what `mesosgen schema` prints). */
export function readSchemaText(): string {
  return readFileSync(shippedPath('schema/cluster.schema.json'), 'utf8');
}

/**
 * Validates a parsed document. Returns every structural problem as a diagnostic (empty when the
 * document is a well-formed ClusterSpec). Never throws for user input.
 */
export function validateSpec(value: unknown): { spec?: ClusterSpec; diagnostics: Diagnostic[] } {
  // ajv's code for the schema, generated at build time (scripts/compiled.mjs), not at every start.
  if (validateCluster(value)) return { spec: value as ClusterSpec, diagnostics: [] };
  return { diagnostics: describeSchemaErrors((validateCluster as { errors?: ErrorObject[] }).errors ?? []) };
}

function describeSchemaErrors(all: ErrorObject[]): Diagnostic[] {
  const errors = pickOneOfBranches(all);
  // anyOf reports one error per failed branch plus its own. Keep the most specific: the branch
  // errors that are not mere type mismatches, or else the anyOf error alone.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const inBranch = (e: ErrorObject, a: ErrorObject) => e !== a && e.schemaPath.startsWith(a.schemaPath + '/');
  const kept = errors.filter((e) => {
    const parent = anyOfs.find((a) => inBranch(e, a));
    if (parent) return e.keyword !== 'type';
    if (e.keyword === 'anyOf') return !errors.some((b) => inBranch(b, e) && b.keyword !== 'type');
    // propertyNames reports the name's pattern error and then its own; the first says more.
    return e.keyword !== 'propertyNames';
  });
  const seen = new Set<string>();
  return kept.map(describeSchemaError).filter((d) => {
    const key = `${d.code}${d.path}${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// Shape errors: the value was written for another branch of a oneOf.
const SHAPE = new Set(['required', 'additionalProperties', 'type']);

/**
 * oneOf reports every branch's errors and its own "must match exactly one schema". Keep only the
 * branch the user meant, the one with the fewest shape errors ({"env": "bad-name"} meant the env
 * branch: its pattern error, not the file branch's "file is missing"), and drop the oneOf error
 * whenever that branch explains the failure.
 */
function pickOneOfBranches(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const o of errors.filter((e) => e.keyword === 'oneOf')) {
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      const m = e.schemaPath.startsWith(o.schemaPath + '/') ? /^\/(\d+)\//.exec(e.schemaPath.slice(o.schemaPath.length)) : null;
      if (m) branches.set(m[1], [...(branches.get(m[1]) ?? []), e]);
    }
    if (branches.size === 0) continue;
    const shapeErrors = (list: ErrorObject[]) => list.filter((e) => SHAPE.has(e.keyword)).length;
    const best = [...branches.values()].reduce((a, b) => (shapeErrors(b) < shapeErrors(a) ? b : a));
    for (const list of branches.values()) if (list !== best) list.forEach((e) => dropped.add(e));
    if (best.length > 0) dropped.add(o);
  }
  return errors.filter((e) => !dropped.has(e));
}

function describeSchemaError(e: ErrorObject): Diagnostic {
  const params = e.params as Record<string, unknown>;
  const path = e.instancePath;
  const parent = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      return diagnose('E_UNKNOWN_KEY', path + toPointer(key), { key, hint: didYouMean(key, known) }, { at: 'key' });
    }
    case 'required': {
      const key = String(params.missingProperty);
      return diagnose('E_REQUIRED', path + toPointer(key), { key });
    }
    case 'type':
      return diagnose('E_TYPE', path, { expected: article(String(params.type)), found: describeFound(e.data) });
    case 'anyOf':
      return diagnose('E_TYPE', path, { expected: branchTypes(e), found: describeFound(e.data) });
    case 'const':
      return diagnose('E_ENUM', path, { allowed: JSON.stringify(params.allowedValue), hint: '' });
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return diagnose('E_ENUM', path, { allowed: allowed.map((v) => JSON.stringify(v)).join(', '), hint });
    }
    case 'pattern':
      if (params.propertyName !== undefined || e.propertyName !== undefined) {
        const name = String(e.propertyName ?? params.propertyName);
        return diagnose('E_PATTERN', path + toPointer(name), { value: name, rule: `names must match ${String(params.pattern)}` }, { at: 'key' });
      }
      return diagnose('E_PATTERN', path, {
        value: String(e.data),
        rule: (parent?.description?.replace(/\.$/, '') ?? `it must match ${String(params.pattern)}`) + nonAsciiNote(String(e.data)),
      });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diagnose('E_RANGE', path, { limit: `${String(params.comparison)} ${String(params.limit)}` });
    case 'minLength':
    case 'maxLength':
      return diagnose('E_LENGTH', path, { limit: e.message ?? '' });
    case 'minItems':
      return diagnose('E_ITEMS', path, { detail: `list must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` });
    case 'maxItems':
      return diagnose('E_ITEMS', path, { detail: `list must have at most ${String(params.limit)} items; mesosgen is measured up to that size` });
    case 'uniqueItems':
      return diagnose('E_ITEMS', path, { detail: `items ${String(params.j)} and ${String(params.i)} are the same; list each value once` });
    default:
      return diagnose('E_SCHEMA', path, { detail: e.message ?? e.keyword });
  }
}

// A look-alike (Cyrillic "а" for Latin "a") reads as a valid name; say which character is foreign.
function nonAsciiNote(value: string): string {
  const at = Array.from(value).findIndex((c) => !isAscii(c));
  if (at < 0) return '';
  const char = Array.from(value)[at];
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `; character ${at + 1} ("${char}", ${code}) is not ASCII, though it may look like an ASCII letter: retype it`;
}

/** `"2" (a string)`: what was written, short, and what JSON type it is. */
function describeFound(data: unknown): string {
  const type =
    data === null
      ? 'null'
      : Array.isArray(data)
        ? 'a list'
        : typeof data === 'object'
          ? 'an object'
          : typeof data === 'number' && Number.isInteger(data)
            ? 'an integer'
            : article(typeof data);
  // JSON.stringify writes Infinity (what 1e400 parses to) as null.
  if (typeof data === 'number' && !Number.isFinite(data)) return 'a number too large to represent';
  const text = typeof data === 'object' && data !== null ? '' : JSON.stringify(data);
  return text === '' ? type : `${text.length > 40 ? `${text.slice(0, 37)}...` : text} (${type})`;
}

function branchTypes(e: ErrorObject): string {
  const branches = (e.schema as Array<{ type?: string }>).map((b) => b.type).filter(Boolean) as string[];
  return branches.length ? branches.map(article).join(' or ') : 'a valid value';
}

function article(type: string): string {
  const names: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'a list', null: 'null' };
  return names[type] ?? `a ${type}`;
}
