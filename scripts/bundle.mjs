#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/main.js) and the tree writer's worker thread into one file
// each under dist/bundle/, which bin/mesosgen.js loads. Why: Node's ES module loader spends about
// 150 ms resolving and linking the ~170 modules a command would otherwise load, more than the
// work of validating a small spec. Run by `npm run build` after tsc; fails loudly if esbuild does.
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
await build({
  absWorkingDir: root.pathname,
  entryPoints: { mesosgen: 'dist/src/cli/main.js', 'tree-worker': 'dist/src/output/tree-worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that loads its parts with a runtime require(): take its ES module.
  mainFields: ['module', 'main'],
  // Some dependencies (yargs' helpers) are CommonJS and call require() for Node's built-ins.
  banner: { js: "import { createRequire as mesosgenCreateRequire } from 'node:module';\nconst require = mesosgenCreateRequire(import.meta.url);" },
  // Keep the dependencies' license notices (they are also installed as dependencies, with their LICENSE files).
  legalComments: 'eof',
  logLevel: 'warning',
});
