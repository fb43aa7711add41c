// The docs are tested: the spec reference is generated from the schema, the README's example is the
// shipped fixture, and the README's exit codes are the CLI's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXIT } from '../src/cli/io.js';
import { REPO } from './helpers.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

test('docs/SPEC.md is generated from the current schema (npm run gen:docs)', async () => {
  const { generateSpecDoc } = (await import(join(REPO, 'scripts/spec-doc.mjs'))) as { generateSpecDoc: () => string };
  assert.equal(readFileSync(join(REPO, 'docs/SPEC.md'), 'utf8'), generateSpecDoc());
});

test('the README example is fixtures/seed/cluster.json', () => {
  const block = /## The example spec[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README has a json block under "The example spec"');
  assert.deepEqual(JSON.parse(block), JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')));
});

test('the README documents every exit code', () => {
  for (const code of Object.values(EXIT)) assert.match(readme, new RegExp(`^\\| ${code} \\|`, 'm'));
});

test('the README starts with the set-up and test commands', () => {
  const first = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(first, /^npm ci && npm run build && npx mesosgen build fixtures\/seed\/cluster\.json/m);
  assert.match(first, /^npm test/m);
});
