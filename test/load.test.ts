// Loading a JSON spec: a well-formed spec is read without a syntax tree (built only when a
// diagnostic needs a position), so repeated keys are found by a streaming pass that must name the
// same values, at the same places, as the tree would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateDiagnostics } from '../src/diagnostics/locate.js';
import { parseSpecText } from '../src/spec/load.js';

test('repeated keys are found at any depth, in objects inside arrays too, each at its repeated key', () => {
  const text = '{"hosts": [{"a": 1}, {"b": 1, "b": [2]}],\n "x": {"y": [1, [], {"z": 1, "z": 2}]},\n "x": 0, "q": {"q": {"q": 1}}}';
  const loaded = parseSpecText(text, 'spec.json');
  const found = locateDiagnostics(loaded, loaded.diagnostics).map((d) => `${d.line}:${d.column} ${d.code} ${d.path}`);
  assert.deepEqual(found, ['1:31 E_JSON_DUPLICATE_KEY /hosts/1/b', '2:30 E_JSON_DUPLICATE_KEY /x/y/2/z', '3:2 E_JSON_DUPLICATE_KEY /x']);
});

test('the syntax tree of a well-formed spec is built only when a position is asked for', () => {
  const loaded = parseSpecText('{"hosts": [{"name": "m1"}]}', 'spec.json');
  assert.equal(loaded.diagnostics.length, 0);
  const [located] = locateDiagnostics(loaded, [{ severity: 'error', code: 'E_REQUIRED', path: '/hosts/0/name', message: 'x' }]);
  assert.deepEqual([located.line, located.column], [1, 21]);
});

test('a spec that is valid JSON but not an object, or nested too deeply, is refused with its reason', () => {
  assert.throws(() => parseSpecText('[1]', 'spec.json'), /a cluster spec is a JSON object \(\{ \.\.\. \}\), not a list/);
  assert.throws(() => parseSpecText('"x"', 'spec.json'), /not a string/);
  assert.throws(() => parseSpecText('{"a":' + '['.repeat(200000) + ']'.repeat(200000) + '}', 'spec.json'), /nested too deeply/);
});
