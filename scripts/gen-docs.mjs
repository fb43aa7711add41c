#!/usr/bin/env node
// Regenerates docs/SPEC.md from the schema. `npm test` fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { generateSpecDoc } from './spec-doc.mjs';

writeFileSync(new URL('../docs/SPEC.md', import.meta.url), generateSpecDoc());
console.log('wrote docs/SPEC.md');
