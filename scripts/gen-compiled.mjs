#!/usr/bin/env node
// Writes the validators and templates that mesosgen loads instead of compiling them at start:
// src/spec/validators.generated.ts and src/render/templates.generated.ts. `npm run build` (and
// `npm run lint`) runs it first; the files are build output, not committed (.gitignore).
import { writeFileSync } from 'node:fs';
import { generateTemplates, generateValidators } from './compiled.mjs';

for (const [path, text] of [
  ['../src/spec/validators.generated.ts', generateValidators()],
  ['../src/render/templates.generated.ts', generateTemplates()],
]) {
  const out = new URL(path, import.meta.url);
  writeFileSync(out, text);
}
