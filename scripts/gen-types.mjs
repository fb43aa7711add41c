#!/usr/bin/env node
// Regenerates src/spec/types.generated.ts from schema/cluster.schema.json.
// `npm test` fails when the checked-in file differs from what this prints (test/types.test.ts).
import { writeFileSync } from 'node:fs';
import { generateSpecTypes } from './spec-types.mjs';

const out = new URL('../src/spec/types.generated.ts', import.meta.url);
writeFileSync(out, await generateSpecTypes());
console.log(`wrote ${out.pathname}`);
