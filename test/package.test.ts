// The npm package as a user gets it: `npm pack` holds what README and --help point at (docs/SPEC.md,
// SECURITY.md, LICENSE) and no tests; installed into an empty directory from npm's cache (no
// network: `npm ci` filled the cache), it runs --help, init - and build, and npm warns of nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
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
    'dist/src/cli/main.js',
    'dist/src/spec/validators.generated.js',
    'dist/src/render/templates.generated.js',
  ]) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  assert.deepEqual(files.filter((f) => /^(dist\/)?(test|bench|fixtures)\//.test(f)), []);
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
});
