#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point installed as `mesosgen`: the CLI bundled into one file by `npm run build`, loaded with
// its code cache (load-cli.js), so start-up does not pay for loading and compiling ~170 modules.
// The #! line caps V8's young generation (load-cli.js's YOUNG_GENERATION_FLAG says why), which only
// a flag given when node starts can do: `node bin/mesosgen.js` works the same, with a larger heap.
import { loadCli } from './load-cli.js';

process.exitCode = await loadCli().main(process.argv.slice(2));
