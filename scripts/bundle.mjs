#!/usr/bin/env node
// Bundles the compiled library and CLI (dist/src/package-entry.js: the library's API and the CLI's
// main) and the tree writer's worker thread into one file each under dist/bundle/ (bin/mesosgen.js
// loads the first, which is also package.json's "main"; the package ships these, not dist/src),
// then records V8's code cache for the CLI.
// Why: Node's ES module loader spent about 150 ms resolving and linking the ~170 modules a command
// loaded, and compiling the bundle costs another 40-70 ms that the cache saves. Run by `npm run
// build` after tsc; fails loudly if esbuild or the cache run does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

// string-width builds an Intl.Segmenter and Unicode-property regexes when it is imported (22 ms of
// every command's start-up, \p{RGI_Emoji} alone 13 ms), yet yargs and cliui only measure text when
// they lay out help. Each import of it gets a stand-in that loads the real module on first use;
// esbuild evaluates a module that is require()d only when the require runs.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async ({ resolveDir, kind, importer, pluginData }) => {
      if (pluginData?.real) return undefined; // the b.resolve below: esbuild's own resolution
      const real = await b.resolve('string-width', { resolveDir, kind, importer, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, ({ path }) => ({
      contents:
        `let real;\nexport default function stringWidth(text, options) {\n  real ??= ` +
        `require(${JSON.stringify(path)}).default;\n  return real(text, options);\n}\n`,
      resolveDir: dirname(path),
      loader: 'js',
    }));
  },
};
const common = {
  absWorkingDir: root.pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that loads its parts with a runtime require(): take its ES module.
  mainFields: ['module', 'main'],
  // Keep the dependencies' license notices (they are also installed as dependencies, with their LICENSE files).
  legalComments: 'eof',
  logLevel: 'warning',
};
// The CLI as a CommonJS script: bin/load-cli.js compiles it with node:vm, which can take a code
// cache (Node 20 has none for ES modules). import.meta.url becomes the file's own URL.
await build({
  ...common,
  entryPoints: ['dist/src/package-entry.js'],
  outfile: 'dist/bundle/mesosgen.cjs',
  format: 'cjs',
  plugins: [lazyStringWidth],
  define: { 'import.meta.url': 'mesosgenModuleUrl' },
  banner: { js: "const mesosgenModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The worker stays an ES module (Worker loads it by URL); CommonJS dependencies get a require().
await build({
  ...common,
  entryPoints: ['dist/src/output/tree-worker.js'],
  outfile: 'dist/bundle/tree-worker.js',
  format: 'esm',
  banner: { js: "import { createRequire as mesosgenCreateRequire } from 'node:module';\nconst require = mesosgenCreateRequire(import.meta.url);" },
});
// The code cache: what V8 compiled while building a 100-host cluster (large enough for the worker
// thread's path) of the benchmark's synthetic spec. --no-code-cache skips it (a test bundles a
// deliberately broken copy that cannot build).
if (!process.argv.includes('--no-code-cache')) {
  const work = mkdtempSync(join(tmpdir(), 'mesosgen-cache-'));
  try {
    const { syntheticSpec } = await import(new URL('dist/bench/synthetic.js', root).href);
    const spec = join(work, 'cluster.json');
    writeFileSync(spec, JSON.stringify(syntheticSpec(100)));
    const make = new URL('scripts/make-code-cache.mjs', root).pathname;
    execFileSync(process.execPath, [make, 'build', spec, '--out', join(work, 'out'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
