// The CLI as a user runs it: the real bin/mesosgen.js in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BIN, REPO, listFiles, tempDir } from './helpers.js';

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const SEED = join(REPO, 'fixtures/seed/cluster.json');

describe('exit codes', () => {
  test('0 for a valid spec', () => assert.equal(run(['validate', SEED]).code, 0));
  test('1 for an invalid spec, with FILE:LINE:COL diagnostics and no stack trace', () => {
    const r = run(['validate', 'test/golden/_error_/quorum-minority/spec.json']);
    assert.equal(r.code, 1);
    assert.match(r.err, /^test\/golden\/_error_\/quorum-minority\/spec\.json:\d+:\d+: error E_QUORUM_MINORITY \/mesos\/master\/quorum: /m);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });
  test('1 for warnings under --strict, 0 without', () => {
    assert.equal(run(['validate', SEED, '--strict']).code, 1);
    assert.equal(run(['validate', SEED]).code, 0);
  });
  test('2 for a missing file, a non-object document, or a bad command line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    for (const args of [
      ['validate', join(dir, 'missing.json')],
      ['validate', join(dir, 'list.json')],
      ['frobnicate'],
      ['validate'],
      ['build', SEED, '--bogus'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^mesosgen: /m);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });
});

test('--format json prints the diagnostics as JSON on stdout', () => {
  const r = run(['validate', 'test/golden/_error_/flag-unknown/spec.json', '--format', 'json']);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.out);
  assert.equal(report.errors, 3);
  assert.deepEqual(Object.keys(report.diagnostics[0]).sort(), ['code', 'column', 'file', 'line', 'message', 'path', 'severity']);
  assert.ok(report.diagnostics.some((d: { code: string; path: string }) => d.code === 'E_FLAG_UNKNOWN' && d.path === '/mesos/master/flags/offer_timout'));
});

test('--help lists the commands, examples and exit codes; --version prints the version', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  for (const word of ['build', 'validate', 'init', 'schema', 'Exit codes', '70']) assert.ok(help.out.includes(word), word);
  assert.match(run(['build', '--help']).out, /Examples:/);
  const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
  assert.equal(run(['--version']).out.trim(), version);
});

test('schema prints the shipped JSON Schema', () => {
  assert.deepEqual(JSON.parse(run(['schema']).out), JSON.parse(readFileSync(join(REPO, 'schema/cluster.schema.json'), 'utf8')));
});

test('init writes a starter spec that validates strictly and builds; refuses to overwrite', () => {
  const dir = tempDir();
  assert.equal(run(['init', 'cluster.json'], dir).code, 0);
  const spec = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8'));
  assert.equal(spec.hosts.filter((h: { roles: string[] }) => h.roles.includes('master')).length, 3);
  assert.equal(spec.hosts.filter((h: { roles: string[] }) => h.roles.includes('agent')).length, 2);
  for (const section of ['cluster', 'versions', 'zookeeper', 'mesos']) assert.ok(spec[section], section);
  // "$schema" is the schema written beside the spec, the same path on every checkout.
  assert.equal(spec.$schema, './cluster.schema.json');
  assert.equal(readFileSync(join(dir, spec.$schema), 'utf8'), readFileSync(join(REPO, 'schema/cluster.schema.json'), 'utf8'));
  assert.equal(run(['validate', 'cluster.json', '--strict'], dir).code, 0);
  assert.equal(run(['build', 'cluster.json'], dir).code, 0);
  assert.equal(run(['init', 'cluster.json'], dir).code, 2);
  // A schema already beside it is left alone; another version's is named with how to update it.
  assert.doesNotMatch(run(['init', 'second.json'], dir).out, /schema/);
  writeFileSync(join(dir, 'cluster.schema.json'), '{}\n');
  assert.match(run(['init', 'third.json'], dir).out, /cluster\.schema\.json beside it is another version's schema: mesosgen schema cluster\.schema\.json --force/);
  assert.equal(readFileSync(join(dir, 'cluster.schema.json'), 'utf8'), '{}\n');
});

describe('output directory', () => {
  test('an invalid spec writes nothing and leaves the previous output as it was', () => {
    const dir = tempDir();
    assert.equal(run(['build', SEED, '--out', 'out'], dir).code, 0);
    const before = readFileSync(join(dir, 'out/manifest.json'), 'utf8');
    const r = run(['build', join(REPO, 'test/golden/_error_/duplicate-ip/spec.json'), '--out', 'out'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /nothing written/);
    assert.equal(readFileSync(join(dir, 'out/manifest.json'), 'utf8'), before);
  });
  test('a rebuild replaces the output and leaves no staging directory behind', () => {
    const dir = tempDir();
    assert.equal(run(['build', SEED, '--out', 'out'], dir).code, 0);
    assert.equal(run(['build', join(REPO, 'fixtures/single/cluster.json'), '--out', 'out'], dir).code, 0);
    assert.ok(existsSync(join(dir, 'out/hosts/mesos-lab')));
    assert.ok(!existsSync(join(dir, 'out/hosts/master1')), 'hosts of the previous build are gone');
    assert.deepEqual(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.trim().split('\n'), ['out']);
  });
  test('a non-empty directory mesosgen did not make is refused unless --force', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/precious.txt'), 'keep me');
    const r = run(['build', SEED, '--out', 'out'], dir);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(join(dir, 'out/precious.txt'), 'utf8'), 'keep me');
    // --force says what it replaced (names escaped: they come from the disk), in text and in JSON.
    writeFileSync(join(dir, 'out/evil\u001b[31m.txt'), '');
    const forced = run(['build', SEED, '--out', 'out', '--force'], dir);
    assert.equal(forced.code, 0, forced.err);
    assert.match(forced.out, /^mesosgen: --force replaced out, which mesosgen had not made: evil\\u001b\[31m\.txt, precious\.txt$/m);
    // Replacing its own earlier build is routine: nothing said.
    assert.doesNotMatch(run(['build', SEED, '--out', 'out', '--force'], dir).out, /replaced/);
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other/a'), '');
    const json = JSON.parse(run(['build', SEED, '--out', 'other', '--force', '--format', 'json'], dir).out) as { build: { replaced: unknown } };
    assert.deepEqual(json.build.replaced, { entries: 1, first: ['a'] });
  });
});

describe('"-" is standard input for specs and standard output for init and schema', () => {
  const seedText = readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8');
  const withInput = (cwd: string, input: string, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('validate - and build - read the spec from standard input; diagnostics name <stdin>', () => {
    const dir = tempDir('mesosgen-stdin-');
    const v = withInput(dir, seedText, 'validate', '-');
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, /^<stdin>: valid$/m);
    assert.match(v.stderr, /^<stdin>:\d+:\d+: warning W_MASTERS_EVEN/m);
    const b = withInput(dir, seedText, 'build', '-', '--out', 'out');
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(join(dir, 'out/tarballs/master1.tar.gz')));
    const broken = withInput(dir, '{"apiVersion": "mesosgen/v1",}', 'validate', '-');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /^<stdin>:1:\d+: error E_JSON_SYNTAX/m);
  });

  test('diff and plan take a spec on standard input; only one side can come from it', () => {
    const dir = tempDir('mesosgen-stdin-');
    writeFileSync(join(dir, 'old.json'), seedText);
    const changed = seedText.replace('"MesosPaco"', '"MesosPaco2"');
    const d = withInput(dir, changed, 'diff', 'old.json', '-');
    assert.equal(d.status, 1, d.stderr);
    assert.match(d.stdout, /MesosPaco2/);
    const p = withInput(dir, changed, 'plan', 'old.json', '-', '--out', 'next');
    assert.equal(p.status, 0, p.stderr);
    assert.ok(existsSync(join(dir, 'next/cluster/rollout.md')));
    const twice = withInput(dir, changed, 'diff', '-', '-');
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /only one spec can come from standard input/);
  });

  test('init - and schema - print to standard output and write no file', () => {
    const dir = tempDir('mesosgen-stdout-');
    const init = withInput(dir, '', 'init', '-');
    assert.equal(init.status, 0, init.stderr);
    assert.equal((JSON.parse(init.stdout) as { $schema: string }).$schema, './cluster.schema.json');
    const schema = withInput(dir, '', 'schema', '-');
    assert.equal(schema.status, 0);
    assert.equal(JSON.parse(schema.stdout).title, 'ClusterSpec');
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('--help fits 80 columns without breaking an example command', () => {
  for (const command of [[], ['build'], ['validate'], ['diff'], ['plan'], ['init'], ['bundle'], ['schema']]) {
    const text = run([...command, '--help']).out;
    for (const line of text.split('\n')) assert.ok(line.length <= 80, `${command.join(' ') || 'mesosgen'}: ${line}`);
    const examples = text.split('Examples:\n')[1]?.split('\n\n')[0] ?? '';
    // A line of the examples either starts a command or continues a description, never a command.
    for (const line of examples.split('\n').filter(Boolean)) assert.match(line, /^ {2}mesosgen |^ {10,}\S/, line);
    assert.doesNotMatch(text, /\S\[(choices|boolean|string|default)/, 'a description runs into its type');
  }
});

test('messages: one wording per I/O failure, the usage hint only for command-line mistakes, did-you-mean for options and commands', () => {
  const dir = tempDir('mesosgen-messages-');
  const cases: Array<[string[], RegExp, boolean]> = [
    [['validate', 'nope.json'], /^mesosgen: cannot read nope\.json: no such file or directory$/m, false],
    [['build', 'nope.json'], /^mesosgen: cannot read nope\.json: no such file or directory$/m, false],
    [['build'], /^mesosgen: missing argument: mesosgen build <spec>$/m, true],
    [['build', SEED, '--ouput', 'x'], /^mesosgen: unknown option --ouput \(did you mean --out\?\)$/m, true],
    [['validate', SEED, '--strct'], /^mesosgen: unknown option --strct \(did you mean --strict\?\)$/m, true],
    [['bild', SEED], /^mesosgen: unknown command bild; did you mean build\?$/m, true],
    [['frobnicate'], /^mesosgen: unknown command frobnicate; the commands: build, validate, /m, true],
  ];
  for (const [args, message, usage] of cases) {
    const r = run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.equal(/Run 'mesosgen( \w+)? --help' for usage/.test(r.err), usage, `${args.join(' ')}: ${r.err}`);
  }
  const list = spawnSync(process.execPath, [BIN, 'validate', '-'], { input: '[1]\n', encoding: 'utf8' });
  assert.equal(list.status, 2);
  assert.match(list.stderr, /^mesosgen: <stdin>: a cluster spec is a YAML mapping \(key: value lines\), not a list$/m);
});

test('mesosgen version (text or JSON) and mesosgen help COMMAND, as kubeadm and k0sctl users type them', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  const text = run(['version']);
  assert.equal(text.code, 0, text.err);
  assert.equal(text.out, `mesosgen ${pkg.version} (spec mesosgen/v1, Node ${process.version})\n`);
  const json = run(['version', '--format', 'json']);
  assert.deepEqual(JSON.parse(json.out), { version: pkg.version, apiVersion: 'mesosgen/v1', node: process.version });
  const help = run(['help', 'build']);
  assert.equal(help.code, 0, help.err);
  assert.equal(help.out, run(['build', '--help']).out);
  assert.match(help.out, /^mesosgen build <spec>/m);
  assert.equal(run(['help']).out, run(['--help']).out);
});

test('the seed builds with exactly one warning, W_MASTERS_EVEN, and prints it as every diagnostic is printed', () => {
  const dir = tempDir('mesosgen-seed-warnings-');
  const r = run(['build', SEED, '--out', join(dir, 'out')], dir);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual([...r.err.matchAll(/^\S+:\d+:\d+: warning (\w+) /gm)].map((m) => m[1]), ['W_MASTERS_EVEN']);
  assert.doesNotMatch(r.err, /^mesosgen: warning/m);
});

// Random letters and digits: about 6 bits a character, so gzip cannot bring 40,000 of them under 16 KB.
function incompressibleSecret(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

test('user data over 16 KB even gzipped is warning W_USER_DATA_LARGE at the host; under --strict the build keeps the old output', () => {
  const dir = tempDir('mesosgen-user-data-');
  cpSync(join(REPO, 'test/golden/secure'), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'));
  spec.cluster.userDataSecrets = 'include';
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec, null, 2));
  // The seed-sized user data (about 12 KB gzipped) draws no warning: only what no cloud limit takes.
  assert.doesNotMatch(run(['build', 'spec.json', '--out', 'small'], dir).err, /W_USER_DATA_LARGE/);
  writeFileSync(join(dir, 'secrets/agent.txt'), incompressibleSecret(40_000));
  const r = run(['build', 'spec.json', '--out', 'out'], dir);
  assert.equal(r.code, 0, r.err);
  // Every host carries the agent's secret (the masters in their credentials); the largest is named.
  const warning = /^spec\.json:(\d+):\d+: warning W_USER_DATA_LARGE \/hosts\/(\d)\/name: the cloud-init user data of 4 hosts is over 16 KB even gzipped \(largest: (\w+)'s/m.exec(r.err);
  assert.ok(warning, r.err);
  assert.equal(spec.hosts[Number(warning[2])].name, warning[3]);
  assert.match(readFileSync(join(dir, 'spec.json'), 'utf8').split('\n')[Number(warning[1]) - 1], new RegExp(`"name": "${warning[3]}"`));
  assert.match(r.out, /built 4 hosts/);
  // --strict: a spec with no other warning (three masters, no ZooKeeper password on command lines).
  delete spec.zookeeper.auth;
  spec.hosts.push({ name: 'master3', ip: '192.168.1.149', roles: ['master'], zookeeperId: 3 });
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec, null, 2));
  const strict = run(['build', 'spec.json', '--out', 'small', '--strict'], dir);
  assert.equal(strict.code, 1, strict.err);
  assert.match(strict.err, /warning W_USER_DATA_LARGE .* 5 hosts/);
  assert.doesNotMatch(strict.err, /warning W_(?!USER_DATA_LARGE)/);
  assert.doesNotMatch(strict.out, /built/);
  // The previous output is still there, unchanged, and no staging directory is left.
  assert.ok(statSync(join(dir, 'small/hosts/compute1/cloud-init.yaml.gz')).size < 16 * 1024);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), []);
});

test('--format json: usage and I/O errors and a build\'s summary are JSON on stdout, exit codes unchanged', () => {
  const dir = tempDir('mesosgen-json-');
  const missing = run(['build', join(dir, 'nope.json'), '--format', 'json'], dir);
  assert.equal(missing.code, 2);
  assert.deepEqual(JSON.parse(missing.out), { error: { kind: 'usage', message: `cannot read ${join(dir, 'nope.json')}: no such file or directory` } });
  const built = run(['build', join(REPO, 'fixtures/seed/cluster.json'), '--out', join(dir, 'out'), '--format', 'json'], dir);
  assert.equal(built.code, 0, built.err);
  const report = JSON.parse(built.out) as { warnings: number; build: { hosts: number; files: number; bytes: number; out: string } };
  assert.equal(report.build.hosts, 4);
  assert.equal(report.build.out, join(dir, 'out'));
  assert.ok(report.build.files > 40 && report.build.bytes > 100_000 && report.warnings >= 1);
});

test('init writes no quorum: adding masters to the starter keeps it valid', () => {
  const dir = tempDir('mesosgen-init-');
  assert.equal(run(['init', 'cluster.json'], dir).code, 0);
  const spec = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { mesos: { master: Record<string, unknown> }; hosts: unknown[] };
  assert.equal(spec.mesos.master.quorum, undefined);
  spec.hosts.push(
    { name: 'master4', ip: '10.0.0.14', roles: ['master'], zookeeperId: 4 },
    { name: 'master5', ip: '10.0.0.15', roles: ['master'], zookeeperId: 5 },
  );
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec));
  const v = run(['validate', 'cluster.json'], dir);
  assert.equal(v.code, 0, v.err);
});

test('mesosgen completion prints a shell completion script', () => {
  const r = run(['completion']);
  assert.equal(r.code, 0);
  assert.match(r.out, /complete -o bashdefault -o default -F _mesosgen_yargs_completions mesosgen|compdef/);
  // Asking for help gets help, not the script.
  const help = run(['completion', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^mesosgen completion\n/);
  assert.doesNotMatch(help.out, /_mesosgen_yargs_completions/);
  // The long options complete; the one-letter aliases are not offered as --o and --q.
  const offered = run(['--get-yargs-completions', 'mesosgen', 'build', '--']).out.split('\n');
  assert.ok(['--out', '--quiet', '--force', '--strict'].every((o) => offered.includes(o)), offered.join(' '));
  assert.deepEqual(offered.filter((o) => /^--[^-](:|$)/.test(o)), []);
});

test('build --help and validate --help say a spec is JSON or YAML', () => {
  for (const command of ['build', 'validate']) assert.match(run([command, '--help']).out, /cluster spec \(JSON or YAML\)/);
});

test('on a terminal each diagnostic shows its line with the value underlined; not in pipes or JSON', async () => {
  const { main } = await import('../src/cli/main.js');
  const spec = join(REPO, 'test/golden/_error_/wrong-types-and-ranges/spec.json');
  let text = '';
  const io = { out: (t: string) => void (text += t), err: (t: string) => void (text += t), framesOnErr: () => true };
  assert.equal(await main(['validate', spec], io), 1);
  assert.match(
    text,
    /E_TYPE \/mesos\/master\/port: must be an integer, found "5050" \(a string\)\n {2}60 \| {5}"master": \{\n> 61 \| {7}"port": "5050",\n {5}\| {15}\^{6}\n/,
  );
  // A pipe gets one line per diagnostic, as before.
  const piped = run(['validate', spec]);
  assert.doesNotMatch(piped.err, /^> \d+ \|/m);
});

describe('long builds: progress on a terminal, --quiet, --verbose', () => {
  test('after a second, one line rewritten in place with hosts done and the rate; cleared at the end; nothing in a pipe', async () => {
    const { createProgress } = await import('../src/cli/progress.js');
    let clock = 0;
    let text = '';
    const io = { out: () => {}, err: (t: string) => void (text += t), progressOnErr: () => true };
    const p = createProgress(io, { quiet: false, verbose: false }, () => clock);
    const host = (done: number) => ({ phase: 'writing' as const, done, total: 2000, host: `h${done}`, files: [] });
    p.onProgress({ phase: 'checking' });
    clock = 500;
    p.onProgress(host(100));
    assert.equal(text, '', 'nothing in the first second');
    clock = 1500;
    p.onProgress(host(1000));
    assert.match(text, /\r\u001b\[2Kmesosgen: rendering, writing and packing: 1000\/2000 hosts, 667 hosts\/s$/);
    clock = 1550;
    p.onProgress(host(1001));
    assert.doesNotMatch(text, /1001\/2000/, 'at most ten updates a second');
    p.finish();
    assert.ok(text.endsWith('\r\u001b[2K'));
    let piped = '';
    const quiet = createProgress(
      { out: () => {}, err: (t: string) => void (piped += t), progressOnErr: () => false },
      { quiet: false, verbose: false },
      () => (clock += 5000),
    );
    quiet.onProgress(host(5));
    quiet.finish();
    assert.equal(piped, '');
  });

  test('--quiet prints errors only; --verbose lists each file written', () => {
    const dir = tempDir('mesosgen-quiet-');
    const q = run(['build', join(REPO, 'fixtures/seed/cluster.json'), '--out', join(dir, 'a'), '--quiet'], dir);
    assert.deepEqual([q.code, q.out, q.err], [0, '', '']);
    const v = run(['build', join(REPO, 'fixtures/seed/cluster.json'), '--out', join(dir, 'b'), '--verbose'], dir);
    assert.equal(v.code, 0);
    assert.match(v.err, /^wrote hosts\/master1\/rootfs\/etc\/zookeeper\/conf\/zoo\.cfg$/m);
    assert.match(v.err, /^wrote tarballs\/compute2\.tar\.gz$/m);
    const bad = run(['build', join(REPO, 'test/golden/_error_/wrong-types-and-ranges/spec.json'), '--out', join(dir, 'c'), '--quiet'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /error E_TYPE/);
  });
});

describe('YAML specs', () => {
  test('a YAML spec builds byte for byte what its JSON form builds, and convert goes both ways', () => {
    const dir = tempDir('mesosgen-yaml-');
    assert.equal(run(['convert', join(REPO, 'fixtures/seed/cluster.json'), 'cluster.yaml'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'cluster.yaml'), 'utf8'), /^# Every host of the cluster/m);
    for (const [spec, out] of [[join(REPO, 'fixtures/seed/cluster.json'), 'from-json'], ['cluster.yaml', 'from-yaml']]) {
      assert.equal(run(['build', spec, '--out', out], dir).code, 0);
    }
    const files = listFiles(join(dir, 'from-json'));
    assert.deepEqual(listFiles(join(dir, 'from-yaml')), files);
    for (const f of files) assert.ok(readFileSync(join(dir, 'from-json', f)).equals(readFileSync(join(dir, 'from-yaml', f))), f);
    const back = run(['convert', 'cluster.yaml'], dir);
    assert.deepEqual(JSON.parse(back.out), JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')));
  });

  test('init --format yaml writes a commented starter that validates; YAML on standard input is detected', () => {
    const dir = tempDir('mesosgen-yaml-init-');
    assert.equal(run(['init', 'cluster.yaml'], dir).code, 0);
    const text = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    assert.match(text, /^# mesosgen cluster spec/);
    assert.equal(run(['validate', 'cluster.yaml'], dir).code, 0);
    const piped = spawnSync(process.execPath, [BIN, 'validate', '-'], { cwd: dir, input: text, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
  });

  test('YAML in a .json file gets one clear message, not a parse error per line', () => {
    const dir = tempDir('mesosgen-yaml-json-');
    writeFileSync(join(dir, 'cluster.json'), 'apiVersion: mesosgen/v1\ncluster:\n  name: x\n');
    const r = run(['validate', 'cluster.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 2, r.err);
    assert.match(r.err, /this is YAML, not JSON; name the file \.yaml/);
  });
});

// `npm run build` records V8's code cache for the bundle (scripts/make-code-cache.mjs); a cache V8
// refuses (other flags, a stale file) would only cost start-up time, so nothing else would notice.
/** bin/load-cli.js's flag for V8's young generation (a plain JS module of the package, outside dist/). */
async function youngGenerationFlag(): Promise<string> {
  return ((await import(pathToFileURL(join(REPO, 'bin/load-cli.js')).href)) as { YOUNG_GENERATION_FLAG: string }).YOUNG_GENERATION_FLAG;
}

test('the CLI bundle starts from the code cache the build recorded', async () => {
  const probe = "import('./bin/load-cli.js').then((m) => process.stdout.write(JSON.stringify({ rejected: m.loadCli().cacheRejected })))";
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(REPO, 'dist/bundle/mesosgen.cjs.cache')), 'npm run build wrote no code cache');
  assert.deepEqual(JSON.parse(r.stdout), { rejected: false });
  // Started as users start it, through its #! line with the young generation's flag: the same cache.
  const viaShebang = spawnSync(process.execPath, [await youngGenerationFlag(), '--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(viaShebang.stdout), { rejected: false });
});

test('bin/mesosgen.js starts node with load-cli.js\'s young-generation flag, and runs as an executable', async () => {
  const shebang = readFileSync(join(REPO, 'bin/mesosgen.js'), 'utf8').split('\n')[0];
  assert.equal(shebang, `#!/usr/bin/env -S node ${await youngGenerationFlag()}`);
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  const r = spawnSync(join(REPO, 'bin/mesosgen.js'), ['version', '--format', 'json'], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { node: string }).node, process.version);
});

describe('commands that write a named file or directory never replace what they must not', () => {
  test('schema FILE and convert IN OUT refuse an existing file without --force, and keep its mode with it', () => {
    const dir = tempDir('mesosgen-named-');
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, '{"my": "spec"}\n', { mode: 0o600 });
    for (const args of [['schema', mine], ['convert', SEED, mine]]) {
      const refused = run(args, dir);
      assert.equal(refused.code, 2, refused.err);
      assert.match(refused.err, /mine\.json exists; pass --force to replace it/);
      assert.equal(readFileSync(mine, 'utf8'), '{"my": "spec"}\n');
      const forced = run([...args, '--force'], dir);
      assert.equal(forced.code, 0, forced.err);
      assert.notEqual(readFileSync(mine, 'utf8'), '{"my": "spec"}\n');
      assert.equal(statSync(mine).mode & 0o777, 0o600);
      writeFileSync(mine, '{"my": "spec"}\n');
    }
    assert.deepEqual(readdirSync(dir), ['mine.json'], 'no temporary file is left behind');
  });

  test('a FIFO or a directory as the named file is refused at once, --force or not', () => {
    const dir = tempDir('mesosgen-named-fifo-');
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'folder'));
    for (const target of ['fifo', 'folder']) {
      for (const args of [['convert', SEED, target, '--force'], ['schema', target, '--force'], ['convert', SEED, target]]) {
        const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
        assert.equal(r.signal, null, `${args.join(' ')} blocked`);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`${target} exists and is not a regular file`));
      }
    }
  });

  test('plan never replaces a directory that holds its OLD build or its --hosts file, --force or not', () => {
    const dir = tempDir('mesosgen-plan-inputs-');
    const spec = JSON.parse(readFileSync(SEED, 'utf8')) as { cluster: { name: string } };
    writeFileSync(join(dir, 'old.json'), JSON.stringify(spec));
    spec.cluster.name = 'renamed';
    writeFileSync(join(dir, 'new.json'), JSON.stringify(spec));
    assert.equal(run(['build', 'old.json', '--out', 'deployed'], dir).code, 0);
    const before = listFiles(join(dir, 'deployed'));
    for (const force of [[], ['--force']]) {
      const over = run(['plan', 'deployed', 'new.json', '--out', 'deployed', ...force], dir);
      assert.equal(over.code, 2, over.err);
      assert.match(over.err, /refusing to replace \S*deployed: it holds \S*deployed, which this build reads/);
      assert.deepEqual(listFiles(join(dir, 'deployed')), before);
    }
    // The --hosts file inside the output directory.
    assert.equal(run(['plan', 'old.json', 'new.json', '--out', 'next'], dir).code, 0);
    writeFileSync(join(dir, 'next/targets.txt'), 'master1 admin@10.0.0.1\n');
    for (const force of [[], ['--force']]) {
      const own = run(['plan', 'old.json', 'new.json', '--out', 'next', '--hosts', 'next/targets.txt', ...force], dir);
      assert.equal(own.code, 2, own.err);
      assert.match(own.err, /targets\.txt, which this build reads/);
      assert.equal(readFileSync(join(dir, 'next/targets.txt'), 'utf8'), 'master1 admin@10.0.0.1\n');
    }
  });
});
