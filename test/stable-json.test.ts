// stableDigest streams the spec's sorted JSON into the hash instead of building it; the digest names
// every build (configId, specSha256), so it must equal the hash of stableStringify's text exactly.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { stableDigest, stableStringify } from '../src/util/stable-json.js';

const digestOfText = (v: unknown) => createHash('sha256').update(stableStringify(v, 0)).digest('hex');

test('stableDigest is the sha256 of stableStringify(value, 0)', () => {
  // Keys JSON orders specially (integer-like ones first), "__proto__", and non-ASCII text.
  const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', '4294967295', '__proto__', 'é', '\u2028'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    ),
  })).node;
  fc.assert(fc.property(value, (v) => assert.equal(stableDigest(v), digestOfText(v))), { numRuns: 2000, seed: 14 });
});

test('stableDigest skips undefined in objects and writes null for it in arrays, as JSON does', () => {
  const v = { b: undefined, a: [1, undefined, 'x'], c: { d: undefined } };
  assert.equal(stableDigest(v), digestOfText(v));
  assert.equal(stableDigest(v), createHash('sha256').update('{"a":[1,null,"x"],"c":{}}').digest('hex'));
});

test('a large value is hashed in pieces with the same result', () => {
  const v = { hosts: Array.from({ length: 5000 }, (_, i) => ({ name: `agent${i}`, ip: `10.0.${i >> 8}.${i & 255}`, roles: ['agent'] })) };
  assert.equal(stableDigest(v), digestOfText(v));
});
