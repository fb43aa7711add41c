#!/usr/bin/env node
// Entry point installed as `mesosgen`: the CLI bundled into one file by `npm run build`, loaded with
// its code cache (load-cli.js), so start-up does not pay for loading and compiling ~170 modules.
import { loadCli } from './load-cli.js';

process.exitCode = await loadCli().main(process.argv.slice(2));
