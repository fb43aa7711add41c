// install.sh --verify in a staging root (--root): every kind of file drift is found and named, a
// clean host gives exit 0, nothing is changed, names found on disk cannot reach the terminal or
// break the JSON, and a secret is compared but never shown. Packages and units are verified in the
// real Debian roots of airgap.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../src/util/hash.js';
import { BIN, REPO, listFiles, tempDir } from './helpers.js';

interface Report {
  host: string;
  root: string;
  drift: Array<{ code: string; path: string; expected: string; found: string }>;
  unchecked: string[];
}

/** Builds `spec` into a fresh folder; returns the build directory. */
function build(spec: string): string {
  const out = join(tempDir('mesosgen-verify-'), 'out');
  const r = spawnSync(process.execPath, [BIN, 'build', spec, '--out', out, '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

function run(hostDir: string, ...args: string[]) {
  const r = spawnSync('bash', [join(hostDir, 'install.sh'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Installs the host into a new staging root; returns the root. */
function installed(hostDir: string): string {
  const root = tempDir('mesosgen-verify-root-');
  const r = run(hostDir, '--root', root);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return root;
}

function snapshot(dir: string): string[] {
  return listFiles(dir).map((f) => {
    const path = join(dir, f);
    if (lstatSync(path).isSymbolicLink()) return `${f} -> ${readlinkSync(path)}`;
    return `${f} ${(statSync(path).mode & 0o7777).toString(8)} ${sha256Hex(readFileSync(path))}`;
  });
}

test('a host as the build left it: exit 0, "matches", an empty JSON report', () => {
  const host = join(build(join(REPO, 'fixtures/seed/cluster.json')), 'hosts/master1');
  const root = installed(host);
  const text = run(host, '--root', root, '--verify');
  assert.equal(text.status, 0, text.stdout + text.stderr);
  assert.match(text.stdout, /verify: .* matches configuration [0-9a-f]{12}\n$/);
  const json = run(host, '--root', root, '--verify', '--format', 'json');
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout) as Report & { configuration: string };
  assert.match(report.configuration, /^[0-9a-f]{12}$/);
  assert.deepEqual(report, { host: 'master1', configuration: report.configuration, root, drift: [], unchecked: [] });
});

const QUORUM_1 = sha256Hex('1\n');

test('every kind of file drift is named with what was expected and found (exit 8), and nothing is changed', () => {
  const host = join(build(join(REPO, 'fixtures/seed/cluster.json')), 'hosts/master1');
  const root = installed(host);
  writeFileSync(join(root, 'etc/mesos-master/quorum'), '1\n');
  chmodSync(join(root, 'etc/mesos/zk'), 0o600);
  rmSync(join(root, 'etc/mesos-master/work_dir'));
  rmSync(join(root, 'etc/mesos-master/cluster'));
  symlinkSync('/etc/passwd', join(root, 'etc/mesos-master/cluster'));
  rmSync(join(root, 'etc/mesos-master/hostname'));
  mkdirSync(join(root, 'etc/mesos-master/hostname'));
  // Names a hand or a script may leave: a backup, and one made to break reports.
  writeFileSync(join(root, 'etc/mesos-master/quorum~'), '1\n');
  writeFileSync(join(root, 'etc/mesos-master/x\n\u001b[31m"y'), '');
  const hosts = join(root, 'etc/hosts');
  writeFileSync(hosts, readFileSync(hosts, 'utf8').replace(/\tmaster2$/m, '\tmaster9'));
  const before = snapshot(root);

  const json = run(host, '--root', root, '--verify', '--format', 'json');
  assert.equal(json.status, 8, json.stderr);
  const report = JSON.parse(json.stdout) as Report;
  assert.deepEqual(
    report.drift.map((d) => [d.code, d.path, d.expected, d.found]),
    [
      ['D_FILE_TYPE', '/etc/mesos-master/cluster', 'a file', 'a link to /etc/passwd'],
      ['D_FILE_TYPE', '/etc/mesos-master/hostname', 'a file', 'directory'],
      ['D_FILE_CONTENT', '/etc/mesos-master/quorum', `sha256 ${sha256Hex(readFileSync(join(host, 'rootfs/etc/mesos-master/quorum')))}`, `sha256 ${QUORUM_1}`],
      ['D_FILE_MISSING', '/etc/mesos-master/work_dir', 'a file', 'nothing'],
      ['D_FILE_MODE', '/etc/mesos/zk', '0644', '0600'],
      ['D_STRAY_FILE', '/etc/mesos-master/quorum~', 'nothing (read by mesos-master.service as a flag)', 'a file'],
      ['D_STRAY_FILE', '/etc/mesos-master/x\n\u001b[31m"y', 'nothing (read by mesos-master.service as a flag)', 'a file'],
      ['D_HOSTS_BLOCK', '/etc/hosts', 'the mesosgen block of this build', 'another block'],
    ],
  );
  // The text report: one line per finding, the hostile name quoted, no control character.
  const text = run(host, '--root', root, '--verify');
  assert.equal(text.status, 8);
  assert.match(text.stdout, /drift D_STRAY_FILE \$'\/etc\/mesos-master\/x\\n\\E\[31m"y': expected nothing/);
  assert.doesNotMatch(text.stdout, /\u001b/);
  assert.match(text.stdout, /verify: 8 difference\(s\) from configuration/);
  assert.deepEqual(snapshot(root), before);
  // A folder where a file goes is not install.sh's to remove: it stops before any change (exit 5).
  const refused = run(host, '--root', root);
  assert.equal(refused.status, 5, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /\/etc\/mesos-master\/hostname is a folder where this build writes a file; move it away/);
  assert.deepEqual(snapshot(root), before);
  // Installing again repairs the rest.
  rmSync(join(root, 'etc/mesos-master/hostname'), { recursive: true });
  assert.equal(run(host, '--root', root).status, 0);
  assert.equal(run(host, '--root', root, '--verify').status, 0);
});

test('a secret file is compared but never shown, not even its digest; one the folder lacks is named as not compared', () => {
  const dir = tempDir('mesosgen-verify-secure-');
  cpSync(join(REPO, 'test/golden/secure'), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  const host = join(build(join(dir, 'spec.json')), 'hosts/master1');
  const root = installed(host);
  const secret = 'etc/mesos/credentials';
  const original = readFileSync(join(root, secret), 'utf8');
  writeFileSync(join(root, secret), 'principal-x other-secret-value\n');
  const json = run(host, '--root', root, '--verify', '--format', 'json');
  assert.equal(json.status, 8, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as Report).drift, [
    { code: 'D_FILE_CONTENT', path: `/${secret}`, expected: "the build's content (secret, not shown)", found: 'other content (not shown)' },
  ]);
  const text = run(host, '--root', root, '--verify');
  for (const out of [json.stdout + json.stderr, text.stdout + text.stderr]) {
    for (const value of [original, 'other-secret-value', sha256Hex(original), sha256Hex('principal-x other-secret-value\n')]) {
      assert.ok(!out.includes(value.trim()), 'a secret or its digest was printed');
    }
  }
  // Without the secret in the host folder (user data built with "userDataSecrets": "omit"), it is not compared.
  rmSync(join(host, 'rootfs', secret));
  const lacking = run(host, '--root', root, '--verify', '--format', 'json');
  assert.equal(lacking.status, 0, lacking.stderr);
  assert.deepEqual((JSON.parse(lacking.stdout) as Report).unchecked, [`/${secret}`]);
  assert.match(run(host, '--root', root, '--verify').stdout, /not compared: \/etc\/mesos\/credentials is a secret this host folder lacks \(pass --secrets DIR\)/);
});

test('--format takes text or json only, and --help names --verify and the drift codes', () => {
  const host = join(build(join(REPO, 'fixtures/seed/cluster.json')), 'hosts/compute1');
  const bad = run(host, '--verify', '--format', 'yaml');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format needs text or json/);
  const help = run(host, '--help').stdout;
  assert.match(help, /--verify {11}change nothing/);
  assert.match(help, /8 --verify found drift: D_FILE_MISSING/);
});

test('a whole run records its script (root only) for a later --verify, which works without the host folder', () => {
  const host = join(build(join(REPO, 'fixtures/seed/cluster.json')), 'hosts/master1');
  const partial = tempDir('mesosgen-verify-root-');
  assert.equal(run(host, '--root', partial, '--only', 'preflight,files').status, 0);
  assert.deepEqual(listFiles(partial).filter((f) => f.includes('.installed')), []);
  const root = installed(host);
  const record = join(root, 'var/lib/mesosgen/.installed/install.sh');
  assert.ok(readFileSync(record).equals(readFileSync(join(host, 'install.sh'))));
  assert.equal(statSync(record).mode & 0o777, 0o700);
  assert.equal(statSync(join(root, 'var/lib/mesosgen/.installed')).mode & 0o777, 0o700);
  const recorded = (...args: string[]) => spawnSync('bash', [record, '--root', root, ...args], { encoding: 'utf8' });
  assert.equal(recorded('--verify').status, 0, recorded('--verify').stdout);
  // The /etc/hosts block is compared with the installed /etc/mesosgen/hosts.
  const hosts = join(root, 'etc/hosts');
  writeFileSync(hosts, readFileSync(hosts, 'utf8').replace(/\tmaster2$/m, '\tmaster9'));
  const drifted = recorded('--verify', '--format', 'json');
  assert.equal(drifted.status, 8);
  assert.deepEqual((JSON.parse(drifted.stdout) as Report).drift.map((d) => d.code), ['D_HOSTS_BLOCK']);
});
