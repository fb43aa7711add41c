// Stage 2: check the document's structure against schema/cluster.schema.json with ajv.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnose, type Diagnostic } from './diagnostics/diagnostic.js';
import { shippedPath } from './paths.js';
import type { ClusterSpec } from './spec/types.generated.js';
import { toPointer } from './util/pointer.js';
import { didYouMean } from './util/suggest.js';

let compiled: ValidateFunction<ClusterSpec> | undefined;

/** The JSON Schema text as shipped (what `mesosgen schema` prints). */
export function readSchemaText(): string {
  return readFileSync(shippedPath('schema/cluster.schema.json'), 'utf8');
}

/**
 * Validates a parsed document. Returns every structural problem as a diagnostic (empty when the
 * document is a well-formed ClusterSpec). Never throws for user input.
 */
export function validateSpec(value: unknown): { spec?: ClusterSpec; diagnostics: Diagnostic[] } {
  // Compiled on first use, not at import time, and only once per process.
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile<ClusterSpec>(JSON.parse(readSchemaText()));
  if (compiled(value)) return { spec: value, diagnostics: [] };
  return { diagnostics: describeSchemaErrors(compiled.errors ?? []) };
}

function describeSchemaErrors(errors: ErrorObject[]): Diagnostic[] {
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
      return diagnose('E_TYPE', path, { expected: article(String(params.type)) });
    case 'anyOf':
      return diagnose('E_TYPE', path, { expected: branchTypes(e) });
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
        return diagnose('E_PATTERN', path + toPointer(name), { value: name, rule: `names must match ${params.pattern}` }, { at: 'key' });
      }
      return diagnose('E_PATTERN', path, { value: String(e.data), rule: parent?.description ?? `it must match ${params.pattern}` });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diagnose('E_RANGE', path, { limit: `${params.comparison} ${params.limit}` });
    case 'minLength':
    case 'maxLength':
      return diagnose('E_LENGTH', path, { limit: e.message ?? '' });
    case 'minItems':
      return diagnose('E_ITEMS', path, { detail: `list must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}` });
    case 'maxItems':
      return diagnose('E_ITEMS', path, { detail: `list must have at most ${params.limit} items; mesosgen is measured up to that size` });
    case 'uniqueItems':
      return diagnose('E_ITEMS', path, { detail: `items ${params.j} and ${params.i} are the same; list each value once` });
    default:
      return diagnose('E_SCHEMA', path, { detail: e.message ?? e.keyword });
  }
}

function branchTypes(e: ErrorObject): string {
  const branches = (e.schema as Array<{ type?: string }>).map((b) => b.type).filter(Boolean) as string[];
  return branches.length ? branches.map(article).join(' or ') : 'a valid value';
}

function article(type: string): string {
  const names: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'a list', null: 'null' };
  return names[type] ?? `a ${type}`;
}
