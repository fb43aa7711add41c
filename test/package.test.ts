// The npm package as a user gets it: `npm pack` holds what README and --help point at (docs/SPEC.md,
// SECURITY.md, CONTRIBUTING.md, LICENSE), the bundles and no tests; installed into an empty directory
// from npm's cache (no network: `npm ci` filled the cache), it runs --help, init - and build, its
// library loads from ES modules and CommonJS, and npm warns of nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, tempDir } from './helpers.js';

const npm = (cwd: string, ...args: string[]) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });

test('npm pack holds the documents the README and --help name, and no tests', () => {
  // --ignore-scripts: dist/ is current (npm test compiled it); prepare would recompile under the other tests.
  const run = npm(REPO, 'pack', '--dry-run', '--json', '--ignore-scripts');
  assert.equal(run.status, 0, run.stderr);
  const files = (JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  for (const f of [
    'LICENSE',
    'README.md',
    'SECURITY.md',
    'docs/SPEC.md',
    'bin/mesosgen.js',
    'schema/cluster.schema.json',
    'schema/manifest.schema.json',
    'dist/bundle/mesosgen.cjs',
    'dist/bundle/tree-worker.js',
  ]) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  // The bundles are the code: no compiled modules beside them, no tests, no templates (they are compiled in).
  assert.deepEqual(files.filter((f) => /^(dist\/)?(src|test|bench|fixtures|templates)\//.test(f)), []);
  // Every relative link of the packed README leads to a packed file.
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)].map((m) => m[1]);
  assert.ok(links.length > 0);
  for (const link of links) assert.ok(files.includes(link), `README links ${link}, which the package does not carry`);
});

test('the packed tarball installs into an empty directory and runs --help, init - and build', { timeout: 180_000 }, (t) => {
  const packDir = tempDir('mesosgen-pack-');
  const pack = npm(REPO, 'pack', '--ignore-scripts', '--pack-destination', packDir);
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const app = tempDir('mesosgen-install-');
  writeFileSync(join(app, 'package.json'), '{"name": "try-mesosgen", "version": "1.0.0", "private": true}\n');
  const install = npm(app, 'install', '--offline', '--no-audit', '--no-fund', tarball);
  // .ci/run fills npm's cache with the dependencies' metadata; elsewhere it may lack it.
  if (install.status !== 0 && /ENOTCACHED/.test(install.stderr) && process.env.CI !== 'true')
    return t.skip('npm cache lacks the dependencies (.ci/run fills it)');
  assert.equal(install.status, 0, install.stdout + install.stderr);
  assert.doesNotMatch(install.stderr, /npm (warn|WARN)/, install.stderr);
  const bin = join(app, 'node_modules/.bin/mesosgen');
  const help = spawnSync(bin, ['--help'], { cwd: app, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /mesosgen <command>/);
  const init = spawnSync(bin, ['init', '-'], { cwd: app, encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  writeFileSync(join(app, 'cluster.json'), init.stdout);
  const build = spawnSync(bin, ['build', 'cluster.json'], { cwd: app, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok(existsSync(join(app, 'out/tarballs/master1.tar.gz')));
  // The library entry point, from an ES module and from CommonJS.
  const esm = "import { checkSpecFile } from 'mesosgen'; console.log(checkSpecFile({ specPath: 'cluster.json' }).ok);";
  assert.equal(spawnSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: app, encoding: 'utf8' }).stdout, 'true\n');
  const cjs = "console.log(typeof require('mesosgen').compile);";
  assert.equal(spawnSync(process.execPath, ['-e', cjs], { cwd: app, encoding: 'utf8' }).stdout, 'function\n');
});
