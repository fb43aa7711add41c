#!/usr/bin/env node
// Records V8's code cache for the CLI bundle (dist/bundle/mesosgen.cjs.cache): runs the command
// given as arguments through bin/load-cli.js, then saves what V8 compiled for it. Run by
// scripts/bundle.mjs; exits non-zero if the command fails.
import { loadCli } from '../bin/load-cli.js';

const { main, writeCodeCache } = loadCli();
const code = await main(process.argv.slice(2));
if (code !== 0) throw new Error(`mesosgen ${process.argv.slice(2).join(' ')} exited ${code}; no code cache written`);
writeCodeCache();
