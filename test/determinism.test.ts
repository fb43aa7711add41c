// Same spec => byte-identical tarballs and manifest, whatever the output path, TZ, umask or clock.
// Builds run as separate processes through the real CLI with different TZ and umask.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { WORKER_MIN_HOSTS } from '../src/output/write-tree.js';
import { compile } from '../src/pipeline.js';
import { StreamedObject } from '../src/output/manifest.js';
import { InternalError } from '../src/util/errors.js';
import { sha256Hex } from '../src/util/hash.js';
import { stableStringify } from '../src/util/stable-json.js';
import { BIN, REPO, listFiles, tarListing, tempDir } from './helpers.js';

const SPEC = join(REPO, 'fixtures/ha/cluster.json');

function buildWith(env: Record<string, string>, umask: string): string {
  const out = join(tempDir('mesosgen-det-'), 'deep/er/out');
  execFileSync('sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, BIN, 'build', SPEC, '--out', out], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  return out;
}

test('two builds in different directories, TZ and umask are byte-identical', () => {
  const a = buildWith({ TZ: 'UTC' }, '022');
  const b = buildWith({ TZ: 'Pacific/Kiritimati', LC_ALL: 'C' }, '077');
  const files = listFiles(a);
  assert.deepEqual(listFiles(b), files);
  for (const f of files) assert.equal(sha256Hex(readFileSync(join(b, f))), sha256Hex(readFileSync(join(a, f))), `${f} differs`);
  // Modes come from mesosgen, not the umask: install.sh is executable, everything else 0644.
  for (const f of files) assert.equal(statSync(join(b, f)).mode & 0o777, f.endsWith('/install.sh') ? 0o755 : 0o644, `${f} mode`);
});

test('tarballs list sorted entries owned by 0:0 with fixed mtime and no absolute or .. paths', () => {
  const out = buildWith({}, '022');
  for (const tarball of listFiles(join(out, 'tarballs'))) {
    const host = tarball.replace(/\.tar\.gz$/, '');
    const lines = tarListing(join(out, 'tarballs', tarball)).trimEnd().split('\n');
    const names = lines.map((l) => l.split(/\s+/).slice(5).join(' '));
    assert.deepEqual(names, [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), 'entries are sorted');
    for (const [i, line] of lines.entries()) {
      const [mode, owner, , date, time] = line.split(/\s+/);
      assert.equal(owner, '0/0', line);
      assert.equal(`${date} ${time}`, '2000-01-01 00:00', line);
      const expected = names[i].endsWith('/') ? 'drwxr-xr-x' : names[i] === `${host}/install.sh` ? '-rwxr-xr-x' : '-rw-r--r--';
      assert.equal(mode, expected, line);
      assert.ok(names[i].startsWith(`${host}/`) && !names[i].split('/').includes('..'), line);
    }
    // The tarball holds exactly the host's tree.
    const files = names.filter((n) => !n.endsWith('/')).map((n) => n.slice(host.length + 1));
    assert.deepEqual(files, listFiles(join(out, 'hosts', host)));
    // gzip header: MTIME bytes 4-7 are zero.
    assert.equal(readFileSync(join(out, 'tarballs', tarball)).readUInt32LE(4), 0);
  }
});

test('manifest.json, written host by host, is the sorted serialisation of the data it holds', () => {
  const out = buildWith({}, '022');
  const text = readFileSync(join(out, 'manifest.json'), 'utf8');
  assert.equal(text, stableStringify(JSON.parse(text)) + '\n');
});

test('the streamed manifest writer refuses fields out of order and items outside an array', () => {
  const text: string[] = [];
  const json = new StreamedObject({ write: (t) => text.push(t) });
  json.fieldsOf({ b: 1, a: [1, { y: 2, x: 1 }] });
  json.beginArray('c');
  json.item({ z: 1, a: 'x' });
  json.item(2);
  json.endArray();
  json.beginArray('d');
  json.endArray();
  json.end();
  assert.equal(text.join(''), stableStringify({ a: [1, { x: 1, y: 2 }], b: 1, c: [{ a: 'x', z: 1 }, 2], d: [] }) + '\n');
  assert.throws(() => json.field('a', 1), InternalError);
  assert.throws(() => new StreamedObject({ write: () => {} }).item(1), InternalError);
});

test('SHA256SUMS verifies with sha256sum -c and covers every file and tarball', () => {
  const out = buildWith({}, '022');
  execFileSync('sha256sum', ['--check', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
  const covered = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n').map((l) => l.slice(66));
  const expected = listFiles(out).filter((f) => f !== 'SHA256SUMS' && !f.startsWith('.'));
  assert.deepEqual(covered, expected);
});

// Large builds finish hosts on a worker thread (and on the main thread, the same way, when the
// worker falls behind: it cannot keep up with render at the start, while it boots), small ones on
// the main thread with gzip on the thread pool (output/write-tree.ts): all must write the same bytes
// with the same modes.
test('the worker-thread writer and the main-thread writer produce identical builds, whatever the umask', async () => {
  const dir = tempDir('mesosgen-writers-');
  const outs: string[] = [];
  const previous = process.umask(0o077);
  try {
    for (const treeWorker of [true, false]) {
      const out = join(dir, treeWorker ? 'worker' : 'main');
      const result = await compile({ specPath: SPEC, outDir: out, treeWorker });
      assert.ok(result.ok);
      outs.push(out);
    }
  } finally {
    process.umask(previous);
  }
  assertSameTree(outs[0], outs[1]);
  for (const out of outs) assert.equal(statSync(join(out, 'hosts/mesos-m1.eu1.example.net/rootfs/etc')).mode & 0o777, 0o755, `${out}: directory mode`);
});

// By default a large build starts the worker once the spec is checked and finishes hosts on the main
// thread until the worker runs, then shares them: the bytes must not depend on who wrote which host.
test('a large build shared between the worker and the main thread equals one written by the main thread alone', async () => {
  const { syntheticSpec } = await import('../bench/synthetic.js');
  const dir = tempDir('mesosgen-writers-large-');
  const spec = join(dir, 'cluster.json');
  writeFileSync(spec, JSON.stringify(syntheticSpec(WORKER_MIN_HOSTS + 40)));
  const shared = await compile({ specPath: spec, outDir: join(dir, 'shared') });
  const alone = await compile({ specPath: spec, outDir: join(dir, 'alone'), treeWorker: false });
  assert.ok(shared.ok && alone.ok);
  assertSameTree(join(dir, 'shared'), join(dir, 'alone'));
});

/** Fails unless `a` and `b` hold the same files with the same bytes and modes. */
function assertSameTree(a: string, b: string): void {
  const files = listFiles(a);
  assert.deepEqual(listFiles(b), files);
  for (const f of files) {
    assert.equal(sha256Hex(readFileSync(join(a, f))), sha256Hex(readFileSync(join(b, f))), `${f} differs`);
    assert.equal(statSync(join(a, f)).mode & 0o777, statSync(join(b, f)).mode & 0o777, `${f} mode`);
  }
}
