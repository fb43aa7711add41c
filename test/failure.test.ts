// Failures that are mesosgen's own: a template bug is exit 70 and never blamed on the spec, and a build
// that fails half-way leaves the previous output as it was, with no staging directory behind.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { checkSpecFile } from '../src/pipeline.js';
import { emitCluster } from '../src/output/emit.js';
import { InternalError } from '../src/util/errors.js';
import { createTreeWriter } from '../src/output/write-tree.js';
import type { HostPlan } from '../src/plan/model.js';
import { BIN, REPO, tempDir } from './helpers.js';

const SEED = join(REPO, 'fixtures/seed/cluster.json');

test('a broken template is an internal error (exit 70) that writes nothing', () => {
  // A private copy of the installed package with one template referring to a missing variable.
  const pkg = tempDir('mesosgen-pkg-');
  for (const part of ['bin', 'dist/src', 'schema', 'templates', 'package.json', 'scripts/bundle.mjs'])
    cpSync(join(REPO, part), join(pkg, part), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(pkg, 'node_modules'));
  // Templates ship precompiled: splice a broken zoo.cfg.njk into the copy's compiled module.
  const broken = readFileSync(join(REPO, 'templates/zoo.cfg.njk'), 'utf8') + '{{ zookeeper.noSuchField }}\n';
  const env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
  const code = nunjucks.precompileString(broken, {
    env,
    name: 'zoo.cfg.njk',
    wrapper: ((templates: Array<{ template: string }>) => templates[0].template) as never,
  });
  const compiled = join(pkg, 'dist/src/render/templates.generated.js');
  const text = readFileSync(compiled, 'utf8');
  const start = text.indexOf('"zoo.cfg.njk": (function () {');
  const end = start + text.slice(start).search(/\n\s*\}\)\(\),/);
  assert.ok(start > 0 && end > start);
  writeFileSync(compiled, `${text.slice(0, start)}"zoo.cfg.njk": (function () {\n${code}${text.slice(end)}`);
  // The CLI runs from the bundle: make the copy's from its patched modules, as `npm run build` does.
  execFileSync(process.execPath, [join(pkg, 'scripts/bundle.mjs'), '--no-code-cache']);
  const work = tempDir();
  const r = spawnSync(process.execPath, [join(pkg, 'bin/mesosgen.js'), 'build', SEED, '--out', 'out'], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 70, r.stderr);
  assert.match(r.stderr, /internal error: template zoo\.cfg\.njk failed for host master1/);
  assert.match(r.stderr, /not in your spec/);
  assert.deepEqual(readdirSync(work), []);
});

test('a build failing half-way keeps the previous output and removes its staging directory', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const { plan } = checkSpecFile({ specPath: SEED });
  assert.ok(plan);
  const ok = (host: HostPlan) => [{ path: 'rootfs/etc/x', mode: 0o644, content: Buffer.from(host.name) }];
  const writer = createTreeWriter();
  await emitCluster(plan, ok, { outDir: out, mesosgenVersion: 'test', writer });
  const before = readFileSync(join(out, 'manifest.json'), 'utf8');
  let calls = 0;
  const failing = (host: HostPlan) => {
    if (++calls === 3) throw new InternalError('boom');
    return ok(host);
  };
  await assert.rejects(emitCluster(plan, failing, { outDir: out, mesosgenVersion: 'test', writer }), InternalError);
  await writer.close();
  assert.equal(readFileSync(join(out, 'manifest.json'), 'utf8'), before);
  assert.deepEqual(readdirSync(dir), ['out']);
  assert.ok(existsSync(join(out, '.mesosgen-output')));
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} in the middle of a build keeps the previous output and leaves no staging directory`, async () => {
    const { syntheticSpec } = await import('../bench/synthetic.js');
    const work = tempDir('mesosgen-signal-');
    const spec = { ...syntheticSpec(4000), cluster: { name: 'big', etcHosts: 'masters' } };
    writeFileSync(join(work, 'big.json'), JSON.stringify(spec));
    assert.equal(spawnSync(process.execPath, [BIN, 'build', SEED, '--out', 'out'], { cwd: work }).status, 0);
    const before = readFileSync(join(work, 'out/manifest.json'), 'utf8');
    const child = spawn(process.execPath, [BIN, 'build', 'big.json', '--out', 'out'], { cwd: work });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Signal once the build is writing: its staging directory exists.
    while (!readdirSync(work).some((n) => n.startsWith('.out.staging-'))) await new Promise((ok) => setTimeout(ok, 20));
    child.kill(signal);
    const status = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(status, code, stderr);
    assert.match(stderr, new RegExp(`stopped by ${signal}; the previous output is unchanged`));
    assert.equal(readFileSync(join(work, 'out/manifest.json'), 'utf8'), before);
    assert.deepEqual(readdirSync(work).sort(), ['big.json', 'out']);
  });
}

test('a worker thread that stops under a host is an internal error, not the user\'s I/O problem', async () => {
  const dir = tempDir('mesosgen-writer-stop-');
  const job = {
    treeDir: join(dir, 'host'),
    root: 'host',
    tarballPath: join(dir, 'host.tar.gz'),
    files: [{ path: 'rootfs/etc/x', mode: 0o644, content: Buffer.from('x\n') }],
  };
  const writer = createTreeWriter({ worker: true, queueBeforeStart: true });
  const written = writer.writeHost(job);
  await writer.close();
  await assert.rejects(written, (err: Error) => err instanceof InternalError && /worker thread stopped/.test(err.message));
});

test('a write that fails on the worker thread rejects with the fs error code, as on the main thread', async () => {
  const dir = tempDir('mesosgen-writer-fail-');
  const job = {
    treeDir: join(dir, 'missing/parent/host'),
    root: 'host',
    tarballPath: join(dir, 'host.tar.gz'),
    files: [{ path: 'rootfs/etc/x', mode: 0o644, content: Buffer.from('x\n') }],
  };
  for (const worker of [true, false]) {
    const writer = createTreeWriter({ worker, queueBeforeStart: true });
    try {
      await assert.rejects(writer.writeHost(job), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    } finally {
      await writer.close();
    }
  }
});
