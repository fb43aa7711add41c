// The checked-in spec types must be what json-schema-to-typescript makes of the schema today.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers.js';

test('src/spec/types.generated.ts is current (npm run gen:types)', async () => {
  const { generateSpecTypes } = (await import(join(REPO, 'scripts/spec-types.mjs'))) as { generateSpecTypes: () => Promise<string> };
  assert.equal(readFileSync(join(REPO, 'src/spec/types.generated.ts'), 'utf8'), await generateSpecTypes(), 'run npm run gen:types and commit the result');
});
