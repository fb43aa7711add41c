#!/usr/bin/env node
// Entry point installed as `mesosgen`: the CLI bundled into one file by `npm run build`
// (scripts/bundle.mjs), so start-up does not pay for loading ~170 modules.
import { main } from '../dist/bundle/mesosgen.js';

process.exitCode = await main(process.argv.slice(2));
