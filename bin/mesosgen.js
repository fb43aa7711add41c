#!/usr/bin/env node
// Entry point installed as `mesosgen`: the CLI bundled into one file by `npm run build`
// (scripts/bundle.mjs), so start-up does not pay for loading ~170 modules.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/bundle/mesosgen.js';

// Let the heap grow by half its live size between full collections, instead of V8's default of up to
// four times: a build's garbage (each host's rendered files) otherwise piles up in the old generation.
// Measured: 20,000 hosts 215 MB -> 175 MB peak RSS (10-50% all alike), 10,000 hosts no slower. Set
// here, for the process, not in the library: it is the embedding program's choice.
setFlagsFromString('--heap-growing-percent=50');

process.exitCode = await main(process.argv.slice(2));
