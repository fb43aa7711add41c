// Hostile and broken input: every spec here must be refused with a diagnostic, or build into
// output in which the hostile value is inert (a canary command never runs: not when install.sh
// runs, not when the packaged launchers source or read the files). Plus size limits and a
// property-based test (fast-check) that random mutations of a valid spec never crash mesosgen.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkLoadedSpec, compile } from '../src/pipeline.js';
import { UsageError } from '../src/util/errors.js';
import { parseSpecText } from '../src/spec/load.js';
import { BIN, REPO, listFiles, tempDir } from './helpers.js';

type Spec = Record<string, any>;
const seed = (): Spec => JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Spec;

function validate(dir: string, spec: Spec | string, env: NodeJS.ProcessEnv = process.env) {
  writeFileSync(join(dir, 'spec.json'), typeof spec === 'string' ? spec : JSON.stringify(spec));
  const r = spawnSync(process.execPath, [BIN, 'validate', 'spec.json', '--format', 'json'], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
  return {
    status: r.status,
    codes: r.stdout ? (JSON.parse(r.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code) : [],
    stderr: r.stderr,
  };
}

// Each refused case: how it changes the seed, and a code it must be refused with.
const REFUSED: Array<[string, (s: Spec) => void, string]> = [
  ['command substitution in the cluster name', (s) => (s.cluster.name = '$(touch /tmp/mesosgen-canary)'), 'E_PATTERN'],
  ['backticks in a host name', (s) => (s.hosts[0].name = '`id`'), 'E_PATTERN'],
  ['a path in a host name', (s) => (s.hosts[2].name = '../../etc'), 'E_PATTERN'],
  ['an absolute path as a host name', (s) => (s.hosts[2].name = '/etc/passwd'), 'E_PATTERN'],
  ['a quote in an attribute', (s) => (s.hosts[3].attributes.rack = "r2';reboot;'"), 'E_PATTERN'],
  ['a newline in a Mesos flag value', (s) => (s.mesos.master.flags.offer_timeout = '30secs\nquorum=1'), 'E_FLAG_TYPE'],
  ['a NUL in a Marathon flag value', (s) => (s.marathon.flags.framework_name = 'm\u0000x'), 'E_VALUE_UNSAFE_CHAR'],
  ['a quote in a Marathon flag value', (s) => (s.marathon.flags.framework_name = "a'b"), 'E_MARATHON_VALUE_UNSAFE'],
  ['a unicode look-alike host name', (s) => (s.hosts[0].name = 'm\u0430ster1'), 'E_PATTERN'],
  ['a 100,000-character host name', (s) => (s.hosts[0].name = 'a'.repeat(100_000)), 'E_PATTERN'],
  ['__proto__ as a flag name', (s) => (s.mesos.master.flags = JSON.parse('{"__proto__": "x"}')), 'E_PATTERN'],
  ['__proto__ as a top-level key', (s) => Object.defineProperty(s, '__proto__', { value: { polluted: true }, enumerable: true }), 'E_UNKNOWN_KEY'],
  ['a path in an app id', (s) => (s.apps[0].id = '/../../etc'), 'E_PATTERN'],
  ['a path in a job name', (s) => (s.jobs[0].name = '../../etc/cron.d/x'), 'E_JOB_NAME_INVALID'],
  [
    'a path in a bundle file name',
    (s) => (s.packages = { source: 'bundle', bundle: { dir: '.', files: [{ name: '../x.deb', sha256: '0'.repeat(64), roles: ['agent'] }] } }),
    'E_PATTERN',
  ],
  ['an inline secret', (s) => Object.assign(s.marathon, { principal: 'm', secret: 'hunter2' }), 'E_SECRET_INLINE'],
  ['shell in a secret file', (s) => Object.assign(s.marathon, { principal: 'm', secret: { secret: { file: 'bad-secret.txt' } } }), 'E_SECRET_UNSAFE'],
  // cloud-init injection: PyYAML breaks lines at U+2028, U+2029 and NEL, the JS library does not.
  [
    'a cloud-init key smuggled through U+2028',
    (s) => (s.mesos.agent.flags = { default_role: 'x\u2028bootcmd:\u2028- [touch, /tmp/canary]\u2028zzz:\u2028  - a: |\u2028      q' }),
    'E_VALUE_UNSAFE_CHAR',
  ],
  ['a paragraph separator in a Mesos master flag', (s) => (s.mesos.master.flags = { hooks: 'x\u2029y' }), 'E_VALUE_UNSAFE_CHAR'],
  ['NEL in a Chronos flag', (s) => (s.chronos.flags = { cluster_name: 'x\u0085y' }), 'E_VALUE_UNSAFE_CHAR'],
  ['U+2028 in a Marathon flag', (s) => (s.marathon.flags.framework_name = 'x\u2028y'), 'E_VALUE_UNSAFE_CHAR'],
  [
    'a line separator inside a JSON flag value',
    (s) => (s.mesos.agent.flags = { executor_environment_variables: { PATH: '/bin\u2028x' } }),
    'E_VALUE_UNSAFE_CHAR',
  ],
  ['a paragraph separator in a job name', (s) => (s.jobs[0].name = 'x\u2029'), 'E_VALUE_UNSAFE_CHAR'],
  // Values the environment file cannot carry: refused by validate, never an internal error in build.
  ['a tab in a Marathon flag value', (s) => (s.marathon.flags.framework_name = 'a\tb'), 'E_VALUE_UNSAFE_CHAR'],
  ['a control character in a Marathon flag value', (s) => (s.marathon.flags.framework_name = 'a\u0001b'), 'E_VALUE_UNSAFE_CHAR'],
  ['a tab in webui_url', (s) => (s.marathon.flags.webui_url = 'http://x/\ty'), 'E_VALUE_UNSAFE_CHAR'],
  ['an escape sequence in a flag value', (s) => (s.mesos.master.flags = { hooks: '\u001b[2J' }), 'E_VALUE_UNSAFE_CHAR'],
  // The ZooKeeper password goes into zk:// URLs that no reader decodes.
  ...['?', '#', ':', '%', ','].map((c): [string, (s: Spec) => void, string] => [
    `"${c}" in the ZooKeeper password`,
    (s) => (s.zookeeper.auth = { user: 'mesos', password: { secret: { env: 'MESOSGEN_HOSTILE_ZK' } } }),
    'E_SECRET_UNSAFE',
  ]),
];
const ZK_PASSWORDS: Record<string, string> = {
  '"?" in the ZooKeeper password': 'pa?ss',
  '"#" in the ZooKeeper password': 'pa#ss',
  '":" in the ZooKeeper password': 'pa:ss',
  '"%" in the ZooKeeper password': 'pa%40ss',
  '"," in the ZooKeeper password': 'pa,ss',
};

for (const [name, change, code] of REFUSED) {
  test(`refused: ${name}`, () => {
    const dir = tempDir('mesosgen-hostile-');
    writeFileSync(join(dir, 'bad-secret.txt'), "$(touch /tmp/x)'\n");
    const spec = seed();
    change(spec);
    const r = validate(dir, spec, { ...process.env, MESOSGEN_HOSTILE_ZK: ZK_PASSWORDS[name] ?? 'unused' });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.codes.includes(code), `${code} in ${r.codes.join(', ')}`);
    // A hostile value is refused at the gate: `build` says the same, and never crashes.
    const built = spawnSync(process.execPath, [BIN, 'build', 'spec.json', '--out', 'out'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, MESOSGEN_HOSTILE_ZK: ZK_PASSWORDS[name] ?? 'unused' },
    });
    assert.equal(built.status, 1, built.stderr);
  });
}

test('inert: hostile values that are valid reach no shell as code', async () => {
  const dir = tempDir('mesosgen-inert-');
  const canary = join(dir, 'CANARY');
  const payload = `$(touch ${canary})\`touch ${canary}\``;
  const spec = seed();
  // Values the formats can carry: a Mesos flag file (read with cat), a Marathon environment value
  // (single-quoted), an app command and a job command (JSON bodies).
  spec.mesos.master.flags.hooks = payload;
  spec.marathon.flags.framework_name = `x;${payload}`;
  spec.apps[0].cmd = payload;
  spec.jobs[0].command = payload;
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const result = await compile({ specPath: join(dir, 'spec.json'), outDir: join(dir, 'out') });
  assert.ok(result.ok);
  const master = join(dir, 'out/hosts/master1');
  // install.sh --root, the packaged launchers' reading of the files, and a shell sourcing the env files.
  const root = tempDir('mesosgen-inert-root-');
  execFileSync('bash', [join(master, 'install.sh'), '--root', root], { stdio: 'ignore' });
  execFileSync('bash', [join(REPO, 'test/launchers/mesos-init-wrapper.sh'), join(master, 'rootfs'), 'master'], { stdio: 'ignore' });
  execFileSync('bash', ['-c', 'set -a; . "$1"', '_', join(master, 'rootfs/etc/default/marathon')], { stdio: 'ignore', env: { PATH: process.env.PATH } });
  execFileSync('bash', [join(dir, 'out/cluster/deploy.sh'), '--dry-run'], { stdio: 'ignore' });
  assert.equal(existsSync(canary), false, 'the canary command ran');
  // The value arrives intact where it belongs.
  assert.equal(readFileSync(join(root, 'etc/mesos-master/hooks'), 'utf8'), `${payload}\n`);
  if (spawnSync('sh', ['-c', 'command -v shellcheck']).status === 0) {
    const lint = spawnSync('shellcheck', ['--severity=style', join(master, 'install.sh'), join(dir, 'out/cluster/deploy.sh')], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout);
  }
});

test('tarballs hold only relative entries, without .. or links, with explicit modes', async () => {
  const dir = tempDir('mesosgen-tar-');
  const result = await compile({ specPath: join(REPO, 'test/golden/secure/spec.json'), outDir: join(dir, 'out') });
  assert.ok(result.ok);
  for (const tarball of readdirSync(join(dir, 'out/tarballs'))) {
    const listing = execFileSync('tar', ['-tvzf', join(dir, 'out/tarballs', tarball)], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
      .trim()
      .split('\n');
    for (const line of listing) {
      const [mode] = line.split(/\s+/);
      const name = line.split(/\s+/).slice(5).join(' ');
      assert.match(mode, /^[-d]r[-w][-x]/, line);
      assert.ok(!name.startsWith('/') && !name.split('/').includes('..'), line);
    }
  }
});

test('a 50 MB document is refused before parsing, with a clear error (exit 2)', () => {
  const dir = tempDir('mesosgen-big-');
  writeFileSync(join(dir, 'spec.json'), `{"apiVersion": "mesosgen/v1", "pad": "${'x'.repeat(50 * 1024 * 1024)}"}`);
  const r = spawnSync(process.execPath, [BIN, 'validate', 'spec.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /larger than 32 MiB/);
});

test('a deeply nested document is a clear error (exit 2), not a crash', () => {
  const dir = tempDir('mesosgen-deep-');
  writeFileSync(join(dir, 'spec.json'), `{"apiVersion": "mesosgen/v1", "x": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  const r = spawnSync(process.execPath, [BIN, 'validate', 'spec.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /nested too deeply/);
});

test('a spec of more than 100,000 hosts fails with a clear error naming the limit', () => {
  const dir = tempDir('mesosgen-100k-');
  const spec = seed();
  spec.hosts = Array.from({ length: 100_001 }, (_, i) => ({
    name: `agent${i}`,
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`,
    roles: ['agent'],
  }));
  spec.hosts[0] = { name: 'master1', ip: '10.255.0.1', roles: ['master'], zookeeperId: 1 };
  const r = validate(dir, spec);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.codes.includes('E_ITEMS'), r.codes.join(','));
  const text = spawnSync(process.execPath, [BIN, 'validate', 'spec.json'], { cwd: dir, encoding: 'utf8' }).stderr;
  assert.match(text, /100000/);
});

// Random mutations of the seed: a value replaced by any JSON, a key removed, an unknown key added.
const PATHS = (() => {
  const out: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    out.push(path);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(seed(), []);
  return out.filter((p) => p.length > 0);
})();

function mutate(spec: Spec, path: string[], kind: number, value: unknown): Spec {
  const parent = path.slice(0, -1).reduce((o: any, k) => o[k], spec);
  const key = path[path.length - 1];
  if (kind === 0) parent[key] = value;
  else if (kind === 1) Reflect.deleteProperty(parent, key);
  else if (parent && typeof parent === 'object' && !Array.isArray(parent)) parent[`${key}x`] = value;
  return spec;
}

test('property: a mutated spec gives diagnostics or a plan, never an exception', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), fc.integer({ min: 0, max: 2 }), fc.jsonValue({ maxDepth: 3 }), (path, kind, value) => {
      const text = JSON.stringify(mutate(seed(), path, kind, value));
      let loaded;
      try {
        loaded = parseSpecText(text, 'spec.json', join(tempDir('mesosgen-prop-'), 'spec.json'));
      } catch (err) {
        // Only a document that is not an object is a usage error.
        assert.ok(err instanceof UsageError, String(err));
        return;
      }
      const result = checkLoadedSpec(loaded, false);
      assert.equal(result.ok, result.plan !== undefined);
      assert.ok(result.ok || result.diagnostics.some((d) => d.severity === 'error'));
      for (const d of result.diagnostics) assert.ok(d.line >= 1 && d.column >= 1 && /^[EW]_/.test(d.code), JSON.stringify(d));
    }),
    { numRuns: 300, seed: 20261125 },
  );
});

test('property: a mutated spec that builds, builds byte-identical twice', async () => {
  const samples = fc.sample(fc.tuple(fc.constantFrom(...PATHS), fc.integer({ min: 0, max: 2 }), fc.jsonValue({ maxDepth: 2 })), { numRuns: 40, seed: 7 });
  let built = 0;
  for (const [path, kind, value] of samples) {
    const dir = tempDir('mesosgen-prop-build-');
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(mutate(seed(), path, kind, value)));
    let a;
    try {
      a = await compile({ specPath: join(dir, 'spec.json'), outDir: join(dir, 'a') });
    } catch (err) {
      assert.ok(err instanceof UsageError, String(err));
      continue;
    }
    if (!a.ok) continue;
    const b = await compile({ specPath: join(dir, 'spec.json'), outDir: join(dir, 'b') });
    assert.ok(b.ok);
    const files = listFiles(join(dir, 'a'));
    assert.deepEqual(listFiles(join(dir, 'b')), files);
    for (const f of files) assert.ok(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), f);
    built++;
  }
  assert.ok(built > 5, `only ${built} mutated specs built; the property says little`);
});
