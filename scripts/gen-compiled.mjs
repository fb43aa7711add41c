#!/usr/bin/env node
// Regenerates the validators and templates that mesosgen loads instead of compiling them at start.
// `npm test` fails when a checked-in file differs from what this writes (test/types.test.ts).
import { writeFileSync } from 'node:fs';
import { generateTemplates, generateValidators } from './compiled.mjs';

for (const [path, text] of [
  ['../src/spec/validators.generated.ts', generateValidators()],
  ['../src/render/templates.generated.ts', generateTemplates()],
]) {
  const out = new URL(path, import.meta.url);
  writeFileSync(out, text);
  console.log(`wrote ${out.pathname}`);
}
