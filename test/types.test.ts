// Generated sources must be what their generators make of the schemas and templates today: the spec
// types (json-schema-to-typescript), ajv's validators and nunjucks' precompiled templates.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers.js';

test('src/spec/types.generated.ts is current (npm run gen:types)', async () => {
  const { generateSpecTypes } = (await import(join(REPO, 'scripts/spec-types.mjs'))) as { generateSpecTypes: () => Promise<string> };
  assert.equal(readFileSync(join(REPO, 'src/spec/types.generated.ts'), 'utf8'), await generateSpecTypes(), 'run npm run gen:types and commit the result');
});

test('the precompiled validators and templates are current (npm run gen:compiled)', async () => {
  const gen = (await import(join(REPO, 'scripts/compiled.mjs'))) as { generateValidators: () => string; generateTemplates: () => string };
  assert.equal(readFileSync(join(REPO, 'src/spec/validators.generated.ts'), 'utf8'), gen.generateValidators(), 'run npm run gen:compiled and commit the result');
  assert.equal(readFileSync(join(REPO, 'src/render/templates.generated.ts'), 'utf8'), gen.generateTemplates(), 'run npm run gen:compiled and commit the result');
});
