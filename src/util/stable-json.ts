// JSON with object keys sorted at every level: the same value always serialises to the same bytes.
import { createHash } from 'node:crypto';

/** Serialises `value` with sorted keys, `indent` spaces per level (0 = compact) and no trailing newline. */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted = sortKeysShallow(value as Record<string, unknown>);
    // Assignment is safe here: every key, "__proto__" too, is already an own data property.
    for (const key of Object.keys(sorted)) sorted[key] = sortKeys(sorted[key]);
    return sorted;
  }
  return value;
}

/**
 * The SHA-256 (hex) of `stableStringify(value, 0)`, computed without building it: the text goes to
 * the hash in pieces as the value is walked. A 100,000-host spec's sorted copy and its text took
 * about 50 MB at once. Values are what JSON.parse makes (plus undefined, skipped as JSON does).
 */
export function stableDigest(value: unknown): string {
  const hash = createHash('sha256');
  let pending = '';
  const emit = (text: string) => {
    pending += text;
    if (pending.length >= 64 * 1024) {
      hash.update(pending);
      pending = '';
    }
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      emit('[');
      v.forEach((item, i) => {
        if (i > 0) emit(',');
        if (skippedByJson(item)) emit('null');
        else walk(item);
      });
      emit(']');
    } else if (v !== null && typeof v === 'object') {
      // The keys in the order JSON.stringify lists sortKeys' object: integer-like keys first.
      const sorted = sortKeysShallow(v as Record<string, unknown>);
      let first = true;
      emit('{');
      for (const key of Object.keys(sorted)) {
        const item = sorted[key];
        if (skippedByJson(item)) continue;
        emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
        first = false;
        walk(item);
      }
      emit('}');
    } else {
      emit(JSON.stringify(v));
    }
  };
  walk(value);
  hash.update(pending);
  return hash.digest('hex');
}

function skippedByJson(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

// The keys sorted, each defined (not assigned: a "__proto__" key must stay an ordinary own property),
// values untouched.
function sortKeysShallow(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(sorted, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  }
  return sorted;
}
