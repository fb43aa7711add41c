// Untrusted inputs and the output directory. Files a spec names (secrets, the repository key) must be
// regular files under a size cap, found where the spec says (absolute paths as they are, relative
// ones from the spec file's real directory); `--force` never removes a directory that is not
// mesosgen's to remove; and diagnostics stay one line each, naming what is wrong with a value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, REPO, tempDir } from './helpers.js';

type Spec = Record<string, any>;
const seed = (): Spec => JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Spec;

function mesosgen(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  // A hang is a failure: the timeout turns it into one instead of blocking the suite.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** A seed spec whose Marathon secret is read from `file`, written to `dir`/spec.json. */
function specWithSecret(dir: string, file: string): string {
  const spec = seed();
  Object.assign(spec.marathon, { principal: 'marathon', secret: { secret: { file } } });
  spec.cluster.userDataSecrets = 'include';
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec, null, 2));
  return join(dir, 'spec.json');
}

for (const [name, prepare, reason] of [
  ['a FIFO', (dir: string) => spawnSync('mkfifo', [join(dir, 'fifo')]) && 'fifo', /a FIFO, not a regular file/],
  ['a device reached through ..', () => '../'.repeat(12) + 'dev/zero', /a device, not a regular file/],
  ['a directory', (dir: string) => (mkdirSync(join(dir, 'secrets')), 'secrets'), /a directory, not a regular file/],
  ['a file over 64 KiB', (dir: string) => (writeFileSync(join(dir, 'big.txt'), 'x'.repeat(65 * 1024)), 'big.txt'), /larger than 64 KiB/],
] as const) {
  test(`a secret file that is ${name} is refused at once, with the reason and the path tried`, () => {
    const dir = tempDir('mesosgen-input-');
    specWithSecret(dir, prepare(dir));
    const r = mesosgen(dir, ['validate', 'spec.json']);
    assert.equal(r.signal, null, 'mesosgen hung');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /E_SECRET_UNREADABLE/);
    assert.match(r.stderr, reason);
    assert.match(r.stderr, /tried \//);
  });
}

test('a spec that is a FIFO is a usage error (exit 2), not a hang', () => {
  const dir = tempDir('mesosgen-input-');
  spawnSync('mkfifo', [join(dir, 'spec.json')]);
  const r = mesosgen(dir, ['validate', 'spec.json']);
  assert.equal(r.signal, null, 'mesosgen hung');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /a FIFO, not a regular file/);
});

test('a repository key that is a FIFO is refused, not waited on', () => {
  const dir = tempDir('mesosgen-input-');
  cpSync(join(REPO, 'test/golden/repository/spec.json'), join(dir, 'spec.json'));
  spawnSync('mkfifo', [join(dir, 'mirror-key.asc')]);
  const r = mesosgen(dir, ['validate', 'spec.json']);
  assert.equal(r.signal, null, 'mesosgen hung');
  assert.match(r.stderr, /E_FILE_UNREADABLE .*a FIFO, not a regular file/);
});

test('absolute paths are used as they are, for secrets and the repository key', () => {
  const elsewhere = tempDir('mesosgen-elsewhere-');
  writeFileSync(join(elsewhere, 'marathon.txt'), 'Abs0lute-secret\n');
  cpSync(join(REPO, 'test/golden/repository/mirror-key.asc'), join(elsewhere, 'key.asc'));
  const dir = tempDir('mesosgen-input-');
  specWithSecret(dir, join(elsewhere, 'marathon.txt'));
  assert.equal(mesosgen(dir, ['validate', 'spec.json']).status, 0);
  const repo = JSON.parse(readFileSync(join(REPO, 'test/golden/repository/spec.json'), 'utf8')) as Spec;
  repo.packages.repository.key = join(elsewhere, 'key.asc');
  writeFileSync(join(dir, 'repo.json'), JSON.stringify(repo));
  const r = mesosgen(dir, ['validate', 'repo.json']);
  assert.equal(r.status, 0, r.stderr);
});

test('relative paths start at the spec file itself, also when it is reached through a symlink', () => {
  const real = tempDir('mesosgen-real-');
  writeFileSync(join(real, 'marathon.txt'), 'Rel4tive-secret\n');
  specWithSecret(real, 'marathon.txt');
  const other = tempDir('mesosgen-link-');
  symlinkSync(join(real, 'spec.json'), join(other, 'cluster.json'));
  const r = mesosgen(other, ['validate', 'cluster.json']);
  assert.equal(r.status, 0, r.stderr);
});

test('--force never replaces the spec\'s directory, the current directory, HOME, a git tree or a parent of an input', () => {
  const home = tempDir('mesosgen-home-');
  const project = join(home, 'project');
  mkdirSync(join(project, 'secrets'), { recursive: true });
  writeFileSync(join(project, 'secrets/marathon.txt'), 'F0rce-secret\n');
  specWithSecret(project, 'secrets/marathon.txt');
  writeFileSync(join(home, '.bashrc'), '# mine\n');
  mkdirSync(join(home, 'repo/.git'), { recursive: true });
  const env = { ...process.env, HOME: home };
  const cases: Array<[string, string, RegExp]> = [
    ['.', project, /current directory/],
    [project, home, /current directory|holds .*spec\.json/],
    [home, project, /home directory/],
    [join(home, 'repo'), project, /git repository/],
    [join(project, 'secrets'), home, /holds .*marathon\.txt/],
    [join(home, 'project', '..'), join(home, 'repo'), /home directory|current directory/],
  ];
  for (const command of ['build', 'plan']) {
    for (const [out, cwd, why] of cases) {
      const args =
        command === 'build'
          ? ['build', join(project, 'spec.json'), '--out', out, '--force']
          : ['plan', join(project, 'spec.json'), join(project, 'spec.json'), '--out', out, '--force'];
      const r = mesosgen(cwd, args, env);
      assert.equal(r.status, 2, `${command} --out ${out}: ${r.stderr}`);
      assert.match(r.stderr, /refusing to replace/);
      assert.match(r.stderr, why);
    }
  }
  for (const kept of ['project/spec.json', 'project/secrets/marathon.txt', '.bashrc', 'repo/.git']) assert.ok(existsSync(join(home, kept)), kept);
});

test('diagnostics stay one line each: values are escaped, look-alikes named, one error for a bad variable name', () => {
  const dir = tempDir('mesosgen-messages-');
  const forged = seed();
  forged.hosts[0].ip = '10.0.0.1\nerror E_FAKE /: forged';
  writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
  const r = mesosgen(dir, ['validate', 'forged.json']);
  assert.equal(r.status, 1);
  assert.ok(!r.stderr.split('\n').some((l) => l.startsWith('error E_FAKE')), r.stderr);
  assert.match(r.stderr, /E_IP_INVALID \/hosts\/0\/ip: "10\.0\.0\.1\\nerror E_FAKE/);
  const spec = seed();
  spec.hosts[1].name = 'm\u0430ster2';
  Object.assign(spec.marathon, { principal: 'marathon', secret: { secret: { env: 'bad-name' } } });
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const names = mesosgen(dir, ['validate', 'spec.json']);
  assert.equal(names.status, 1);
  assert.match(names.stderr, /\/hosts\/1\/name: .*character 2 \("а", U\+0430\) is not ASCII/);
  // One error for the variable name, saying what a name may hold; no "file is missing" beside it.
  assert.equal(names.stderr.split('\n').filter((l) => l.includes('/marathon/secret')).length, 1, names.stderr);
  assert.match(names.stderr, /E_PATTERN \/marathon\/secret\/secret\/env: "bad-name" .*upper-case letters/);
});

test('a YAML alias bomb is refused with a diagnostic, not expanded', () => {
  const dir = tempDir('mesosgen-yaml-bomb-');
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  writeFileSync(join(dir, 'cluster.yaml'), `apiVersion: mesosgen/v1\n${levels.join('\n')}\n`);
  const r = mesosgen(dir, ['validate', 'cluster.yaml']);
  assert.equal(r.signal, null);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /E_YAML_SYNTAX/);
});

test('deep YAML nesting is refused before any node is built, with the place it happens', () => {
  const dir = tempDir('mesosgen-yaml-deep-');
  const cases: Record<string, string> = {
    // 8 MB, under the 32 MiB cap: took minutes and ended in a V8 heap OOM.
    'brackets.yaml': '['.repeat(4_000_000) + ']'.repeat(4_000_000),
    'dashes.yaml': '- '.repeat(500_000) + 'x\n',
    'indent.yaml': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    writeFileSync(join(dir, name), text);
    const started = Date.now();
    const r = mesosgen(dir, ['validate', name]);
    assert.equal(r.signal, null, name);
    assert.equal(r.status, 1, `${name}: ${r.stderr.slice(0, 500)}`);
    assert.match(r.stderr, /E_YAML_SYNTAX .*nested more than 100 levels deep/, name);
    assert.doesNotMatch(r.stderr, /Maximum call stack|heap/);
    assert.ok(Date.now() - started < 10_000, `${name}: ${Date.now() - started} ms`);
  }
});

test('YAML whose aliases expand past 32 MiB is refused before it is expanded', () => {
  const dir = tempDir('mesosgen-yaml-expand-');
  // About 1 MB of text: 49 aliases of a 0.9 MB list, within the alias count the library allows,
  // expand to 43 MB (the 8 MB form of this reached 1.3 GB of memory).
  const lines = ['apiVersion: mesosgen/v1', `base: &b [${Array(40_000).fill('"xxxxxxxxxxxxxxxxxxxx"').join(',')}]`];
  for (let i = 0; i < 49; i++) lines.push(`k${i}: *b`);
  writeFileSync(join(dir, 'cluster.yaml'), `${lines.join('\n')}\n`);
  const r = mesosgen(dir, ['validate', 'cluster.yaml']);
  assert.equal(r.status, 1, r.stderr.slice(0, 500));
  assert.match(r.stderr, /aliases expand it past 32 MiB/);
});
