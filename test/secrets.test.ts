// Secrets: read by reference, written 0600 only to the hosts that need them, and never shown: not
// on stdout or stderr, not in manifest.json or SHA256SUMS (not even a digest), not in `diff`, not in
// install.sh's log, and, when the spec says so, not in cloud-init user data.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { BIN, REPO, listFiles, tarListing, tempDir } from './helpers.js';

const CASE = join(REPO, 'test/golden/secure');
const SECRETS = readdirSync(join(CASE, 'secrets')).map((f) => readFileSync(join(CASE, 'secrets', f), 'utf8').trim());

function copyCase(): string {
  const dir = tempDir('mesosgen-secrets-');
  cpSync(CASE, dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  return dir;
}

const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

test('a build prints no secret, and the manifest holds digests only', () => {
  const dir = copyCase();
  const r = run(dir, 'build', 'spec.json', '--out', 'out');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(leaks(r.stdout + r.stderr), []);
  assert.deepEqual(leaks(readFileSync(join(dir, 'out/manifest.json'), 'utf8')), []);
  assert.deepEqual(leaks(readFileSync(join(dir, 'out/SHA256SUMS'), 'utf8')), []);
  // Not even a digest: the hash of a short secret (or of a file that is just the secret) would let
  // anyone with a CI log test guesses offline.
  const published = readFileSync(join(dir, 'out/manifest.json'), 'utf8') + readFileSync(join(dir, 'out/SHA256SUMS'), 'utf8');
  const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
  for (const secret of SECRETS) assert.ok(!published.includes(sha(secret)) && !published.includes(sha(`${secret}\n`)));
  for (const host of ['master1', 'compute1']) {
    for (const f of listFiles(join(dir, 'out/hosts', host))) {
      const path = join(dir, 'out/hosts', host, f);
      if ((statSync(path).mode & 0o777) === 0o600) assert.ok(!published.includes(sha(readFileSync(path))), `${host}/${f}'s digest is published`);
    }
  }
});

test('"userDataSecrets": "omit" keeps secrets out of cloud-init user data; install.sh names what is missing', () => {
  const dir = copyCase();
  const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { cluster: Record<string, string> };
  spec.cluster.userDataSecrets = 'omit';
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const r = run(dir, 'build', 'spec.json', '--out', 'out');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /W_USERDATA_SECRETS/);
  const userData = readFileSync(join(dir, 'out/hosts/master1/cloud-init.yaml'), 'utf8');
  assert.deepEqual(leaks(userData), []);
  assert.equal(statSync(join(dir, 'out/hosts/master1/cloud-init.yaml')).mode & 0o777, 0o644);
  // Lay the user data out as cloud-init's write_files would, then run its runcmd (under --root).
  const doc = parse(userData) as { write_files: Array<{ path: string; content: string; encoding?: string; permissions: string }>; runcmd: string[][] };
  const host = tempDir('mesosgen-userdata-');
  for (const f of doc.write_files) {
    const path = join(host, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.encoding === 'b64' ? Buffer.from(f.content, 'base64') : f.content, { mode: parseInt(f.permissions, 8) });
  }
  const [cmd, script, ...args] = doc.runcmd[0];
  assert.deepEqual(args, ['--secrets', '/var/lib/mesosgen-secrets/master1']);
  const root = tempDir('mesosgen-userdata-root-');
  const missing = spawnSync(cmd, [join(host, script), '--root', root], { encoding: 'utf8' });
  assert.equal(missing.status, 3, missing.stderr);
  assert.match(missing.stderr, /secret files missing: .*etc\/mesos\/credentials/);
  assert.deepEqual(readdirSync(root).filter((n) => n !== 'var'), [], 'nothing is written before every file is at hand');
  // The operator provides them (here: from the host tarball's rootfs/), and the install completes.
  const done = spawnSync(cmd, [join(host, script), '--root', root, '--secrets', join(dir, 'out/hosts/master1/rootfs')], { encoding: 'utf8' });
  assert.equal(done.status, 0, done.stderr);
  assert.equal(readFileSync(join(root, 'etc/mesos/credentials'), 'utf8'), readFileSync(join(dir, 'out/hosts/master1/rootfs/etc/mesos/credentials'), 'utf8'));
  assert.equal(statSync(join(root, 'etc/mesos/credentials')).mode & 0o777, 0o600);
  assert.deepEqual(leaks(missing.stdout + missing.stderr + done.stdout + done.stderr), []);
});

test('secret files are 0600 in the tree and the tarball, and only where the role needs them', () => {
  const dir = copyCase();
  assert.equal(run(dir, 'build', 'spec.json', '--out', 'out').status, 0);
  const mode = (p: string) => statSync(join(dir, 'out/hosts', p)).mode & 0o777;
  for (const p of [
    'master1/rootfs/etc/mesos/credentials',
    'master1/rootfs/etc/default/marathon',
    'master1/rootfs/etc/default/chronos',
    'compute1/rootfs/etc/mesos/agent-credential',
    'compute1/cloud-init.yaml',
  ]) {
    assert.equal(mode(p), 0o600, p);
  }
  assert.equal(statSync(join(dir, 'out/tarballs/compute1.tar.gz')).mode & 0o777, 0o600);
  assert.match(tarListing(join(dir, 'out/tarballs/master1.tar.gz')), /-rw------- 0\/0 .* master1\/rootfs\/etc\/mesos\/credentials/);
  // Agents never receive the masters' credentials; masters that are not agents no agent credential.
  assert.ok(!listFiles(join(dir, 'out/hosts/compute1')).some((f) => f.endsWith('etc/mesos/credentials')));
  assert.ok(!listFiles(join(dir, 'out/hosts/master1')).some((f) => f.endsWith('agent-credential')));
  // Every file that holds a secret value is 0600.
  for (const host of ['master1', 'compute1']) {
    for (const f of listFiles(join(dir, 'out/hosts', host))) {
      if (leaks(readFileSync(join(dir, 'out/hosts', host, f), 'utf8')).length > 0) assert.equal(mode(`${host}/${f}`), 0o600, `${host}/${f} holds a secret`);
    }
  }
});

test('a secret read from the environment is used; diff shows a rotated secret as changed, never its value', () => {
  const dir = copyCase();
  const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { marathon: { secret: unknown } };
  spec.marathon.secret = { secret: { env: 'MESOSGEN_TEST_MARATHON_SECRET' } };
  writeFileSync(join(dir, 'rotated.json'), JSON.stringify(spec));
  const env = { ...process.env, NO_COLOR: '1', MESOSGEN_TEST_MARATHON_SECRET: 'r0tated-s3cret' };
  const diff = spawnSync(process.execPath, [BIN, 'diff', 'spec.json', 'rotated.json'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(diff.status, 1, diff.stderr);
  assert.match(diff.stdout, /R_SECRET_CHANGED master1: secret file\(s\) changed, not shown: .*rootfs\/etc\/mesos\/credentials/);
  assert.match(diff.stdout, /changed: master1\/rootfs\/etc\/default\/marathon \(secret, not shown\)/);
  assert.deepEqual(leaks(diff.stdout + diff.stderr), []);
  assert.doesNotMatch(diff.stdout + diff.stderr, /r0tated/);
  const json = spawnSync(process.execPath, [BIN, 'diff', 'spec.json', 'rotated.json', '--format', 'json'], { cwd: dir, encoding: 'utf8', env });
  assert.doesNotMatch(json.stdout, /r0tated|m4r4th0n/);
  const md = spawnSync(process.execPath, [BIN, 'diff', 'spec.json', 'rotated.json', '--format', 'markdown'], { cwd: dir, encoding: 'utf8', env });
  assert.match(md.stdout, /- changed: `master1\/rootfs\/etc\/default\/marathon` \(secret, not shown\)/);
  assert.deepEqual(leaks(md.stdout), []);
  assert.doesNotMatch(md.stdout, /r0tated/);
});

test('install.sh logs paths, never secret values, and keeps backups of secrets 0600', () => {
  const dir = copyCase();
  assert.equal(run(dir, 'build', 'spec.json', '--out', 'out').status, 0);
  const root = tempDir('mesosgen-secret-root-');
  const first = spawnSync('bash', [join(dir, 'out/hosts/master1/install.sh'), '--root', root], { encoding: 'utf8' });
  assert.equal(first.status, 0, first.stderr);
  // A changed secret on the host is backed up before it is replaced: the backup stays private.
  writeFileSync(join(root, 'etc/mesos/credentials'), 'edited by hand\n', { mode: 0o600 });
  const second = spawnSync('bash', [join(dir, 'out/hosts/master1/install.sh'), '--root', root], { encoding: 'utf8' });
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(leaks(first.stdout + first.stderr + second.stdout + second.stderr), []);
  assert.equal(statSync(join(root, 'etc/mesos/credentials')).mode & 0o777, 0o600);
  const backup = listFiles(join(root, 'var/backups/mesosgen')).find((f) => f.endsWith('etc/mesos/credentials'))!;
  assert.equal(statSync(join(root, 'var/backups/mesosgen', backup)).mode & 0o777, 0o600);
});
