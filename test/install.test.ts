// Delivery: the generated install.sh and cloud-init.yaml against real tools. shellcheck and
// `cloud-init schema` (Debian packages) check every host of every golden case, built here; install.sh runs for real with
// --root into a temp dir; bundle mode installs a .deb built here with dpkg-deb, inside a network
// namespace without network (unshare -n), as root. Each skips only outside CI when its tool is missing.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../src/pipeline.js';
import { formatDiagnosticsText } from '../src/diagnostics/format.js';
import { sha256Hex } from '../src/util/hash.js';
import { REPO, buildDeb, listFiles, tempDir } from './helpers.js';

const GOLDEN = join(REPO, 'test/golden');
const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
const skipUnless = (ok: boolean, why: string) => (!ok && process.env.CI !== 'true' ? why : false);

// The golden cases built whole (their expected trees keep install.sh's fixed code as one line).
let built: string[] | undefined;
/** The build output folder of every golden case, built once for this file. */
async function builtGoldenCases(): Promise<string[]> {
  if (built) return built;
  const outs: string[] = [];
  for (const name of readdirSync(GOLDEN).filter((c) => c !== '_error_').sort()) {
    const source = join(GOLDEN, name, 'source');
    const specPath = existsSync(source) ? join(REPO, readFileSync(source, 'utf8').trim()) : join(GOLDEN, name, 'spec.json');
    const out = join(tempDir('mesosgen-golden-build-'), 'out');
    const result = await compile({ specPath, outDir: out });
    assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
    outs.push(out);
  }
  built = outs;
  return outs;
}

/** Every golden case's host folders, built (each holds install.sh, cloud-init.yaml and rootfs/). */
async function goldenHostDirs(): Promise<string[]> {
  return (await builtGoldenCases()).flatMap((out) => readdirSync(join(out, 'hosts')).map((h) => join(out, 'hosts', h)));
}

test(
  "shellcheck finds nothing in install.sh's fixed code, linted as one source (the data it reads is the template's)",
  { skip: skipUnless(has('shellcheck'), 'shellcheck is not installed (CI installs it)') },
  async () => {
    const { installFixedCode } = (await import(pathToFileURL(join(REPO, 'scripts/compiled.mjs')).href)) as { installFixedCode: () => string };
    const result = spawnSync('shellcheck', ['--severity=style', '--shell=bash', '--exclude=SC2154', '-'], { input: installFixedCode(), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  },
);

test(
  'shellcheck finds nothing in any generated install.sh or deploy.sh',
  { skip: skipUnless(has('shellcheck'), 'shellcheck is not installed (CI installs it)') },
  async () => {
    const deployScripts = (await builtGoldenCases()).map((out) => join(out, 'cluster/deploy.sh')).filter((f) => existsSync(f));
    assert.ok(deployScripts.length > 0, 'some golden case has apps or jobs');
    const scripts = [...(await goldenHostDirs()).map((d) => join(d, 'install.sh')), ...deployScripts];
    const result = spawnSync('shellcheck', ['--severity=style', '--shell=bash', ...scripts], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  },
);

test(
  'cloud-init accepts every generated cloud-init.yaml, and its files are the host tree byte for byte',
  { skip: skipUnless(has('cloud-init'), 'cloud-init is not installed (CI installs it)') },
  async () => {
    for (const dir of await goldenHostDirs()) {
      const file = join(dir, 'cloud-init.yaml');
      const result = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' });
      assert.equal(result.status, 0, `${file}: ${result.stdout}${result.stderr}`);
      const doc = parse(readFileSync(file, 'utf8')) as {
        write_files: Array<{ path: string; content: string; encoding?: string; permissions: string }>;
        runcmd: string[][];
      };
      const base = `/var/lib/mesosgen/${dir.split('/').pop()}/`;
      const written = new Map(doc.write_files.map((w) => [w.path.slice(base.length), w]));
      const tree = listFiles(dir).filter((f) => f === 'install.sh' || f.startsWith('rootfs/'));
      // The modes the build gave each file (the golden tree on disk has git's).
      const manifest = JSON.parse(readFileSync(join(dir, '../../manifest.json'), 'utf8')) as {
        hosts: Array<{ name: string; files: Array<{ path: string; mode: string }> }>;
      };
      const modes = new Map(manifest.hosts.find((h) => h.name === dir.split('/').pop())!.files.map((f) => [f.path, f.mode]));
      assert.deepEqual([...written.keys()].sort(), tree);
      for (const rel of tree) {
        const w = written.get(rel)!;
        const bytes = w.encoding === 'b64' ? Buffer.from(w.content, 'base64') : Buffer.from(w.content, 'utf8');
        assert.ok(bytes.equals(readFileSync(join(dir, rel))), `${rel} differs in ${file}`);
        assert.equal(w.permissions, modes.get(rel), rel);
      }
      assert.deepEqual(doc.runcmd, [['bash', `${base}install.sh`]]);
    }
  },
);

test(
  'user data over 16 KB also comes gzipped, and cloud-init accepts it after decompression',
  { skip: skipUnless(has('cloud-init'), 'cloud-init is not installed (CI installs it)') },
  async () => {
    const host = await buildSeedHost('master1');
    const yaml = readFileSync(join(host, 'cloud-init.yaml'));
    assert.ok(yaml.length > 16 * 1024, 'the seed master has large user data');
    const unpacked = gunzipSync(readFileSync(join(host, 'cloud-init.yaml.gz')));
    assert.ok(unpacked.equals(yaml));
    const file = join(tempDir('mesosgen-gz-'), 'user-data');
    writeFileSync(file, unpacked);
    const result = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const manifest = readFileSync(join(host, '../../manifest.json'), 'utf8');
    assert.match(manifest, /"path": "cloud-init\.yaml\.gz"/);
  },
);

// PyYAML is what cloud-init reads user data with; it breaks lines at NEL, U+2028 and U+2029 and folds
// CR where the JS library does not. Every golden cloud-init.yaml, and one built from hostile values
// the rules accept, must read back as the same data in both.
const pyyaml = spawnSync('/usr/bin/python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
test(
  'cloud-init.yaml parses to the same data under PyYAML as under the JS yaml library',
  { skip: skipUnless(pyyaml, "Debian's python3-yaml is not installed (cloud-init brings it in CI)") },
  async () => {
    const dir = tempDir('mesosgen-pyyaml-');
    const spec = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, any>;
    spec.mesos.agent.flags = { ...spec.mesos.agent.flags, default_role: 'x: y #z - [touch, /tmp/canary] &a *b !!python/object é' };
    spec.marathon.flags = { ...spec.marathon.flags, framework_name: '"quoted" {flow} [seq] % @ `' };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    assert.ok((await compile({ specPath: join(dir, 'spec.json'), outDir: join(dir, 'out') })).ok);
    const files = [...(await goldenHostDirs()), ...['master1', 'compute1'].map((h) => join(dir, 'out/hosts', h))].map((d) => join(d, 'cloud-init.yaml'));
    const script = 'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(open(f, encoding="utf-8")) for f in sys.argv[1:]]))';
    const python = spawnSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(python.status, 0, python.stderr);
    const fromPython = JSON.parse(python.stdout) as unknown[];
    files.forEach((file, i) => assert.deepEqual(fromPython[i], parse(readFileSync(file, 'utf8')), file));
  },
);

/** Builds the seed example and returns the folder of host `host` (install.sh, rootfs/). */
async function buildSeedHost(host: string): Promise<string> {
  const out = join(tempDir(), 'out');
  const result = await compile({ specPath: join(REPO, 'fixtures/seed/cluster.json'), outDir: out });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
  return join(out, 'hosts', host);
}

function install(hostDir: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('bash', [join(hostDir, 'install.sh'), ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Path, mode and SHA-256 of every file under `dir`, for before/after comparisons. */
function snapshot(dir: string): string[] {
  return listFiles(dir).map((f) => {
    const path = join(dir, f);
    if (lstatSync(path).isSymbolicLink()) return `${f} -> ${readlinkSync(path)}`;
    return `${f} ${(statSync(path).mode & 0o7777).toString(8)} ${sha256Hex(readFileSync(path))}`;
  });
}

test('install.sh --root writes the tree with its modes, purges strays, merges /etc/hosts, and a second run changes nothing', async () => {
  const hostDir = await buildSeedHost('master1');
  const root = tempDir('mesosgen-root-');
  mkdirSync(join(root, 'etc/mesos-master'), { recursive: true });
  writeFileSync(join(root, 'etc/mesos-master/quorum~'), '1\n');
  writeFileSync(join(root, 'etc/hosts'), '127.0.0.1 localhost\n# BEGIN mesosgen\n10.0.0.1 stale\n# END mesosgen\n10.9.9.9 kept\n');

  const first = install(hostDir, '--root', root);
  assert.equal(first.status, 0, first.out);
  const rootfs = join(hostDir, 'rootfs');
  const manifest = JSON.parse(readFileSync(join(hostDir, '../../manifest.json'), 'utf8')) as {
    hosts: Array<{ name: string; files: Array<{ path: string; mode: string }> }>;
  };
  const modes = new Map(manifest.hosts.find((h) => h.name === 'master1')!.files.map((f) => [f.path, f.mode]));
  for (const rel of listFiles(rootfs)) {
    assert.ok(readFileSync(join(root, rel)).equals(readFileSync(join(rootfs, rel))), rel);
    assert.equal((statSync(join(root, rel)).mode & 0o777).toString(8).padStart(4, '0'), modes.get(`rootfs/${rel}`), `${rel} mode`);
  }
  // The stray flag file is gone, with a backup.
  assert.equal(existsSync(join(root, 'etc/mesos-master/quorum~')), false);
  assert.match(first.out, /remove \/etc\/mesos-master\/quorum~/);
  const backups = listFiles(join(root, 'var/backups/mesosgen'));
  assert.ok(backups.some((b) => b.endsWith('/etc/mesos-master/quorum~')), backups.join('\n'));
  // Only the marked block of /etc/hosts changed, in place.
  const hosts = readFileSync(join(root, 'etc/hosts'), 'utf8');
  const block = readFileSync(join(rootfs, 'etc/mesosgen/hosts'), 'utf8');
  assert.equal(hosts, `127.0.0.1 localhost\n${block}10.9.9.9 kept\n`);

  const before = snapshot(root);
  const second = install(hostDir, '--root', root);
  assert.equal(second.status, 0, second.out);
  assert.match(second.out, /nothing changed, nothing restarted/);
  assert.deepEqual(snapshot(root), before);
});

test('install.sh --dry-run prints what it would do and changes nothing', async () => {
  const hostDir = await buildSeedHost('compute1');
  const root = tempDir('mesosgen-root-');
  mkdirSync(join(root, 'etc/mesos-slave'), { recursive: true });
  writeFileSync(join(root, 'etc/mesos-slave/isolation'), 'posix/cpu\n');
  const before = snapshot(root);
  const run = install(hostDir, '--root', root, '--dry-run');
  assert.equal(run.status, 0, run.out);
  assert.match(run.out, /write \/etc\/mesos\/zk/);
  assert.match(run.out, /would run: rm -f -- .*etc\/mesos-slave\/isolation/);
  assert.match(run.out, /dry run: \d+ change\(s\) would be made/);
  assert.deepEqual(snapshot(root), before);
});

test('install.sh refuses unknown options with exit code 2', async () => {
  const hostDir = await buildSeedHost('compute1');
  const run = install(hostDir, '--rooot', '/tmp');
  assert.equal(run.status, 2);
  assert.match(run.out, /unknown option --rooot/);
});

// Installs a real package into this machine's dpkg database, so it needs root; removed afterwards.
const PROBE = 'mesosgen-offline-probe';
const canInstall = process.getuid?.() === 0 && has('dpkg-deb') && has('unshare') && has('apt-get');
after(() => {
  if (canInstall) spawnSync('dpkg', ['--purge', PROBE], { stdio: 'ignore' });
});

test(
  'bundle mode: the spec ships a .deb, install.sh installs it without network and rejects a tampered copy',
  { skip: skipUnless(canInstall, 'needs root, dpkg-deb, apt-get and unshare (CI has them)') },
  async () => {
    const work = tempDir('mesosgen-bundle-');
    mkdirSync(join(work, 'debs'));
    const deb = buildDeb(join(work, 'debs'), PROBE, '1.0-1');
    const name = deb.split('/').pop()!;
    const spec = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, unknown>;
    spec.packages = { source: 'bundle', bundle: { dir: 'debs', files: [{ name, sha256: sha256Hex(readFileSync(deb)), roles: ['agent'] }] } };
    writeFileSync(join(work, 'cluster.json'), JSON.stringify(spec));
    const result = await compile({ specPath: join(work, 'cluster.json'), outDir: join(work, 'out') });
    assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
    // The agent's tarball carries the package; the masters' do not.
    const listing = (host: string) => execFileSync('tar', ['-tzf', join(work, 'out/tarballs', `${host}.tar.gz`)], { encoding: 'utf8' });
    assert.match(listing('compute1'), new RegExp(`compute1/packages/${name.replaceAll('.', '\\.')}`));
    assert.doesNotMatch(listing('master1'), /packages\//);
    execFileSync('tar', ['-xzf', join(work, 'out/tarballs/compute1.tar.gz'), '-C', work]);

    const offline = (...args: string[]) => spawnSync('unshare', ['-n', 'bash', join(work, 'compute1/install.sh'), ...args], { encoding: 'utf8' });
    const first = offline('--only', 'packages');
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.equal(execFileSync('dpkg-query', ['-W', '-f', '${Version}', PROBE], { encoding: 'utf8' }), '1.0-1');
    const second = offline('--only', 'packages');
    assert.match(second.stdout, /nothing changed/, second.stdout);

    spawnSync('dpkg', ['--purge', PROBE], { stdio: 'ignore' });
    appendFileSync(join(work, 'compute1/packages', name), 'tampered');
    const tampered = offline('--only', 'packages');
    assert.equal(tampered.status, 4, tampered.stdout + tampered.stderr);
    assert.match(tampered.stderr, /does not match its SHA-256/);
    assert.notEqual(spawnSync('dpkg-query', ['-W', PROBE]).status, 0, 'nothing was installed from the tampered bundle');
  },
);

test(
  'apt reads the generated repository files: the pins apply and the source resolves',
  { skip: skipUnless(has('apt-cache') && has('dpkg-query'), 'needs apt (CI has it)') },
  async () => {
    const work = tempDir('mesosgen-apt-');
    writeFileSync(join(work, 'key.asc'), '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n');
    // Pin ZooKeeper to the release line installed here, so apt has a version the pin must select.
    const installed = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'zookeeper'], { encoding: 'utf8' }).stdout;
    const line = /^(?:\d+:)?(\d+\.\d+)/.exec(installed)?.[1];
    const spec = JSON.parse(readFileSync(join(REPO, 'fixtures/single/cluster.json'), 'utf8')) as { versions: Record<string, string>; packages?: unknown };
    spec.versions.zookeeper = line ?? '3.8';
    spec.packages = { source: 'repository', repository: { url: 'https://apt.example.invalid/mesos', distribution: 'bionic', key: 'key.asc' } };
    writeFileSync(join(work, 'cluster.json'), JSON.stringify(spec));
    const result = await compile({ specPath: join(work, 'cluster.json'), outDir: join(work, 'out') });
    assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
    const apt = join(work, 'out/hosts/mesos-lab/rootfs/etc/apt');

    const policy = spawnSync(
      'apt-cache',
      ['-o', `Dir::Etc::PreferencesParts=${apt}/preferences.d`, '-o', 'Dir::Etc::Preferences=/dev/null', 'policy', 'zookeeper'],
      { encoding: 'utf8' },
    );
    assert.equal(policy.status, 0, policy.stderr);
    assert.doesNotMatch(policy.stdout + policy.stderr, /^[WE]: /m, 'apt understood the preferences');
    if (line)
      assert.match(policy.stdout, new RegExp(`${installed.replaceAll('.', '\\.').replaceAll('+', '\\+')} 1001`), 'the pin selects the installed release line');

    const lists = tempDir('mesosgen-lists-');
    const uris = spawnSync(
      'apt-get',
      [
        '-o',
        `Dir::Etc::SourceList=${apt}/sources.list.d/mesosgen.list`,
        '-o',
        'Dir::Etc::SourceParts=/nonexistent',
        '-o',
        `Dir::State::Lists=${lists}`,
        '--print-uris',
        'update',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(uris.status, 0, uris.stderr);
    assert.match(uris.stdout, /'https:\/\/apt\.example\.invalid\/mesos\/dists\/bionic\/InRelease'/);
  },
);

// The services step against stand-ins: systemd cannot run here, so test/shims/systemctl and
// journalctl take its place on PATH, and small servers on 127.0.0.1 answer the health checks the way
// ZooKeeper (`srvr`), mesos-master (/health) and Marathon (/ping) do. Chronos is left without a
// server to show the failure path.
test('install.sh services: masks, enables and starts units in order, waits for health, and names the unhealthy unit', async () => {
  const { createServer } = await import('node:net');
  const http = await import('node:http');
  const zk = createServer((s) => s.once('data', () => s.end('Zookeeper version: shim\nMode: standalone\n')));
  const web = (path: string) => http.createServer((req, res) => res.writeHead(req.url === path ? 200 : 404).end('ok'));
  // Ports the system hands out (another run may hold any fixed one); Chronos' stays closed: its unit is the unhealthy one.
  const servers = [zk, web('/health'), web('/ping'), createServer()];
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))));
  const [zkPort, masterPort, marathonPort, chronosPort] = servers.map((s) => (s.address() as { port: number }).port);
  await new Promise((closed) => servers.pop()!.close(closed));
  const ports = { zk: zkPort, master: masterPort, marathon: marathonPort, chronos: chronosPort };
  const spec = {
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'shim', loopback: 'allow' },
    hosts: [{ name: 'solo', ip: '127.0.0.1', roles: ['master'], zookeeperId: 1 }],
    zookeeper: { clientPort: ports.zk },
    mesos: { master: { port: ports.master } },
    marathon: { httpPort: ports.marathon },
    chronos: { httpPort: ports.chronos },
  };
  const work = tempDir('mesosgen-services-');
  writeFileSync(join(work, 'cluster.json'), JSON.stringify(spec));
  const result = await compile({ specPath: join(work, 'cluster.json'), outDir: join(work, 'out') });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
  try {
    const state = tempDir('mesosgen-shim-');
    // Masked when this host was an agent: the master unmasks it before enabling it.
    writeFileSync(join(state, 'marathon.service.enabled'), 'masked\n');
    const env = { ...process.env, SHIM_STATE: state, PATH: `${join(REPO, 'test/shims')}:${process.env.PATH}` };
    // Asynchronous: the health-check servers live in this process and must keep answering.
    const run = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn('bash', [join(work, 'out/hosts/solo/install.sh'), '--only', 'services', '--timeout', '3'], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => done({ status, stdout, stderr }));
      });

    const failed = await run();
    assert.equal(failed.status, 6, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /chronos\.service is not healthy after 3s/);
    assert.match(failed.stderr, /shim journal: last words of chronos\.service/);
    const calls = () => readFileSync(join(state, 'calls'), 'utf8').trim().split('\n');
    assert.deepEqual(calls(), [
      'disable mesos-slave.service',
      'mask mesos-slave.service',
      'enable zookeeper.service',
      'restart zookeeper.service',
      'enable mesos-master.service',
      'restart mesos-master.service',
      'unmask marathon.service',
      'enable marathon.service',
      'restart marathon.service',
      'enable chronos.service',
      'restart chronos.service',
    ]);

    // Chronos comes up; nothing changed since, so the next run restarts nothing.
    const chronos = web('/');
    await new Promise<void>((ok) => chronos.listen(ports.chronos, '127.0.0.1', ok));
    servers.push(chronos);
    const again = await run();
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /nothing changed, nothing restarted/);
    assert.equal(calls().length, 11);
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
});

// The step table drives --only, --skip and --help; a unit without a health check is only started
// (it once silently borrowed the last unit's probe).
test('install.sh steps come from one table: --help lists them, --only/--skip take their names, and a unit without a health check is not probed', async () => {
  const spec = {
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'steps', loopback: 'allow' },
    hosts: [{ name: 'solo', ip: '127.0.0.1', roles: ['master'], zookeeperId: 1 }],
    zookeeper: { clientPort: 23191 },
    mesos: { master: { port: 25060 } },
    marathon: { httpPort: 28090 },
    chronos: { httpPort: 24410 },
  };
  const work = tempDir('mesosgen-steps-');
  writeFileSync(join(work, 'cluster.json'), JSON.stringify(spec));
  assert.ok((await compile({ specPath: join(work, 'cluster.json'), outDir: join(work, 'out') })).ok);
  const script = join(work, 'out/hosts/solo/install.sh');
  const help = spawnSync('bash', [script, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /--only STEPS +comma-separated steps to run, of preflight,packages,files,services\n/);
  assert.match(help.stdout, /Steps, in order:\n {2}preflight .*\n {2}packages .*\n {2}files .*\n {2}services .*\n/);
  assert.match(help.stdout, /the step that failed: 3 preflight, 4 packages, 5 files, 6 services/);
  const bad = spawnSync('bash', [script, '--skip', 'files,bogus'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--skip: unknown step 'bogus'/);
  const root = tempDir('mesosgen-steps-root-');
  const skipped = spawnSync('bash', [script, '--root', root, '--skip', 'files,services'], { encoding: 'utf8' });
  assert.equal(skipped.status, 0, skipped.stdout + skipped.stderr);
  assert.match(skipped.stdout, /preflight: ok\n.*packages: skipped \(--root\)\n/);
  assert.deepEqual(readdirSync(root), [], 'files were skipped');

  // Marathon's health check removed from the script's data: Marathon is started, not probed with
  // another unit's check; Chronos (no server here) is the one that fails.
  writeFileSync(script, readFileSync(script, 'utf8').replace(/^ {2}'marathon\.service http .*'\n/m, ''));
  const { createServer } = await import('node:net');
  const http = await import('node:http');
  const zk = createServer((s) => s.once('data', () => s.end('Zookeeper version: shim\nMode: standalone\n')));
  const master = http.createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end('ok'));
  const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown }, port: number) =>
    new Promise<void>((ok) => s.listen(port, '127.0.0.1', ok));
  await Promise.all([listen(zk, 23191), listen(master, 25060)]);
  try {
    const state = tempDir('mesosgen-steps-shim-');
    const env = { ...process.env, SHIM_STATE: state, PATH: `${join(REPO, 'test/shims')}:${process.env.PATH}` };
    const run = await new Promise<{ status: number | null; out: string }>((done) => {
      const child = spawn('bash', [script, '--only', 'services', '--timeout', '3'], { env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (status) => done({ status, out }));
    });
    assert.equal(run.status, 6, run.out);
    assert.match(run.out, /marathon\.service has no health check; started/);
    assert.match(run.out, /chronos\.service is not healthy after 3s/);
    assert.doesNotMatch(run.out, /marathon\.service is not healthy/);
  } finally {
    await Promise.all([zk, master].map((s) => new Promise((done) => s.close(done))));
  }
});
