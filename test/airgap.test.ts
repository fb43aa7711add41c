// Air-gapped install on a real Debian 12 root: a minbase root made with debootstrap (with systemd,
// as an image that boots has it), the real zookeeper/zookeeperd closure fetched with apt-get's
// --download-only in a copy of that root, and STAND-INS for mesos, marathon, chronos and docker.io
// (small .debs built here, each shipping a unit file and a launcher that only sleeps: the real
// programs cannot run here). mesosgen bundle writes the bundle section, mesosgen build checks the
// closure against the root's package list, and each host's install.sh runs in `unshare -n chroot`
// (no network) with /proc mounted. Then the real ZooKeeper of two master roots is started by hand on
// loopback addresses and must elect a leader. The root and the downloaded .debs are prepared and
// cached by scripts/prepare-airgap-cache.sh (MESOSGEN_TEST_CACHE, default /var/cache/mesosgen-tests).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BIN, tempDir } from './helpers.js';
import { bundleFolder, writeImagePackages } from './stand-ins.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const CACHE = process.env.MESOSGEN_TEST_CACHE ?? '/var/cache/mesosgen-tests';
const BASE_TAR = join(CACHE, 'bookworm-minbase-systemd-v1.tar');
const ZK_DEBS = join(CACHE, 'bookworm-zookeeperd-debs-v1');
// The root and the .debs come from scripts/prepare-airgap-cache.sh (.ci/run runs it): the test
// itself talks to no server.
const usable = process.getuid?.() === 0 && has('unshare') && has('dpkg-deb') && existsSync(BASE_TAR) && existsSync(ZK_DEBS);
const skip = !usable && process.env.CI !== 'true' ? 'needs root, unshare, dpkg-deb and scripts/prepare-airgap-cache.sh (CI has them)' : false;

const mounts: string[] = [];
const roots: string[] = [];
const processes: ChildProcess[] = [];
after(() => {
  for (const p of processes) p.kill('SIGKILL');
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  // Each root is a few hundred MB: removed, but only once nothing is mounted below it.
  const mounted = readFileSync('/proc/mounts', 'utf8');
  for (const root of roots) if (!mounted.includes(` ${root}/`)) rmSync(root, { recursive: true, force: true });
});

const sh = (cmd: string, args: string[], options: { input?: string } = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });

/** A fresh copy of the base root, with /proc mounted (package scripts need it) unless told not to. */
function newRoot(prefix: string, withProc = true): string {
  const root = tempDir(prefix);
  roots.push(root);
  sh('tar', ['-C', root, '-xf', BASE_TAR]);
  if (withProc) {
    sh('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
    mounts.push(join(root, 'proc'));
  }
  return root;
}

const MASTERS = [
  { name: 'master1', ip: '127.0.0.41', zookeeperId: 1 },
  { name: 'master2', ip: '127.0.0.42', zookeeperId: 2 },
];
const CLIENT_PORT = 32181;

function writeSpec(dir: string): void {
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify({
    apiVersion: 'mesosgen/v1',
    // Every host on its own loopback address of this machine.
    cluster: { name: 'airgap', etcHosts: 'all', loopback: 'allow' },
    versions: { mesos: '1.9.0', marathon: '1.9.109', chronos: '3.0.2', zookeeper: '3.8' },
    hosts: [...MASTERS.map((m) => ({ ...m, roles: ['master'] })), { name: 'agent1', ip: '127.0.0.43', roles: ['agent'] }],
    zookeeper: { clientPort: CLIENT_PORT, peerPort: 32888, electionPort: 33888, tickTime: 500 },
  }, null, 2) + '\n');
}

interface Manifest {
  hosts: Array<{ name: string; units: { enable: string[]; mask: string[] }; files: Array<{ path: string }> }>;
  packages: Array<{ package: string; hosts: string[] }>;
}

/** Installs one host's tarball into a new root, without network; returns the root. */
function installHost(out: string, manifest: Manifest, host: string): string {
  const root = newRoot(`mesosgen-airgap-${host}-`);
  sh('tar', ['-xzf', join(out, 'tarballs', `${host}.tar.gz`), '-C', join(root, 'root')]);
  // A dry run on the fresh root: it says what it would install, write and enable, changes nothing,
  // and exits 0 because the real run would succeed (apt simulates the install).
  const packagesBefore = sh('chroot', [root, 'dpkg-query', '-W']);
  const install = (...args: string[]) =>
    spawnSync('unshare', ['-n', 'chroot', root, '/bin/bash', `/root/${host}/install.sh`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const dry = install('--dry-run');
  assert.equal(dry.status, 0, `${host} --dry-run: ${dry.stdout}${dry.stderr}`);
  const entry = manifest.hosts.find((h) => h.name === host)!;
  for (const p of manifest.packages.filter((b) => b.hosts.includes(host))) {
    assert.match(dry.stdout, new RegExp(`would run: .*apt-get install .*/${p.package}_`), p.package);
  }
  assert.match(dry.stdout, /would write \/etc\/mesos\/zk/);
  for (const unit of entry.units.enable) assert.match(dry.stdout, new RegExp(`would enable ${unit.replace('.', '\\.')} `), unit);
  assert.equal(sh('chroot', [root, 'dpkg-query', '-W']), packagesBefore, `${host}: the dry run changed packages`);
  assert.ok(!existsSync(join(root, 'etc/mesos')), `${host}: the dry run wrote files`);
  const first = install();
  assert.equal(first.status, 0, `${host}: ${first.stdout}${first.stderr}`);
  assert.match(first.stdout, /image-build mode/);
  assert.match(first.stdout, /the first boot starts, in this order: /);
  // Every bundled package of the host is installed and configured.
  const status = new Map(
    sh('chroot', [root, 'dpkg-query', '-W', '-f', '${Package} ${db:Status-Abbrev}\\n'])
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  for (const p of manifest.packages.filter((b) => b.hosts.includes(host))) assert.equal(status.get(p.package), 'ii', `${host}: ${p.package} is not installed`);
  // Every generated file is in place, read as the root sees it (inside the chroot, links and all).
  const rootfs = entry.files.filter((f) => f.path.startsWith('rootfs/')).map((f) => f.path.slice('rootfs'.length));
  const inRoot = sh('chroot', [root, 'sha256sum', '--', ...rootfs]);
  const expected = sh('sha256sum', ['--', ...rootfs.map((p) => join(out, 'hosts', host, 'rootfs', p))]);
  assert.deepEqual(inRoot.split('\n').map((l) => l.split(' ')[0]), expected.split('\n').map((l) => l.split(' ')[0]), `${host}: a file differs`);
  // The role's units start at first boot; the others are masked.
  for (const unit of entry.units.enable)
    assert.equal(spawnSync('chroot', [root, 'systemctl', 'is-enabled', unit], { encoding: 'utf8' }).stdout.trim(), 'enabled', `${host}: ${unit}`);
  for (const unit of entry.units.mask)
    assert.equal(spawnSync('chroot', [root, 'systemctl', 'is-enabled', unit], { encoding: 'utf8' }).stdout.trim(), 'masked', `${host}: ${unit}`);
  // Nothing was started: no process runs inside the root, and policy-rc.d is gone again.
  const inside = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readlinkSync(`/proc/${p}/root`) === root;
    } catch {
      return false;
    }
  });
  assert.deepEqual(inside, [], `${host}: a process was started inside the root`);
  assert.ok(!existsSync(join(root, 'usr/sbin/policy-rc.d')));
  // install.sh's temporary files (mktemp's tmp.*) are gone; Java's hsperfdata is not ours.
  assert.deepEqual(readdirSync(join(root, 'tmp')).filter((n) => n.startsWith('tmp.')), [], `${host}: temporary files were left behind`);
  // A second run changes nothing, and says so.
  const second = install();
  assert.equal(second.status, 0, second.stdout + second.stderr);
  assert.match(second.stdout, /nothing changed/);
  verifyHost(root, host, entry.units.enable[0], install);
  return root;
}

/**
 * install.sh --verify in the real root: it matches (packages at the bundle's versions, units enabled
 * and masked, every file); a disabled unit and an edited file are drift (exit 8), which installing
 * again repairs.
 */
function verifyHost(root: string, host: string, unit: string, install: (...args: string[]) => SpawnSyncReturns<string>): void {
  const clean = install('--verify', '--format', 'json');
  assert.equal(clean.status, 0, `${host} --verify: ${clean.stdout}${clean.stderr}`);
  assert.deepEqual((JSON.parse(clean.stdout) as { drift: unknown[] }).drift, []);
  sh('chroot', [root, 'systemctl', 'disable', '--quiet', unit]);
  writeFileSync(join(root, 'etc/mesos/zk'), 'zk://10.0.0.1:2181/mesos\n');
  const drifted = install('--verify', '--format', 'json');
  assert.equal(drifted.status, 8, drifted.stderr);
  const codes = (JSON.parse(drifted.stdout) as { drift: Array<{ code: string; path: string }> }).drift.map((d) => `${d.code} ${d.path}`);
  assert.deepEqual(codes, ['D_FILE_CONTENT /etc/mesos/zk', `D_UNIT_STATE ${unit}`]);
  assert.equal(install().status, 0);
  assert.equal(install('--verify').status, 0);
}

/** Sends a four-letter word to ZooKeeper and returns the answer ('' when nothing answers). */
function fourLetter(ip: string, port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const socket = connect({ host: ip, port }, () => socket.end(word));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(''));
  });
}

test(
  'air-gapped: bundle, build, and install.sh in offline chroots of a real Debian 12 root; the real ZooKeeper elects a leader',
  { skip, timeout: 1_500_000 },
  async () => {
    const work = tempDir('mesosgen-airgap-');
    bundleFolder(work, ZK_DEBS, 'sleep');
    writeImagePackages(newRoot('mesosgen-image-'), join(work, 'image-packages.txt'));
    writeSpec(work);
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const bundled = cli('bundle', 'debs', '--base', 'image-packages.txt', '--write', 'cluster.json');
    assert.equal(bundled.status, 0, bundled.stderr);
    const built = cli('build', 'cluster.json', '--out', 'out', '--format', 'json');
    assert.equal(built.status, 0, built.stdout + built.stderr);
    assert.doesNotMatch(built.stdout + built.stderr, /BUNDLE_DEPENDENCY_MISSING|BUNDLE_PACKAGE_MISSING/);
    const out = join(work, 'out');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;

    // Preflight first: without /proc the Java postinst would fail half-way, so nothing may start.
    const bare = newRoot('mesosgen-airgap-noproc-', false);
    sh('tar', ['-xzf', join(out, 'tarballs', 'master1.tar.gz'), '-C', join(bare, 'root')]);
    const before = sh('chroot', [bare, 'dpkg-query', '-W']);
    const refused = spawnSync('unshare', ['-n', 'chroot', bare, '/bin/bash', '/root/master1/install.sh'], { encoding: 'utf8' });
    assert.equal(refused.status, 3, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /\/proc is not mounted/);
    assert.equal(sh('chroot', [bare, 'dpkg-query', '-W']), before);
    assert.ok(!existsSync(join(bare, 'etc/mesos')), 'nothing was written');

    const hostRoots = new Map<string, string>();
    for (const host of ['master1', 'master2', 'agent1']) hostRoots.set(host, installHost(out, manifest, host));
    // The agent got no Java and no ZooKeeper.
    assert.ok(!existsSync(join(hostRoots.get('agent1')!, 'usr/share/java/zookeeper.jar')));

    // The real ZooKeeper of each master root, started by hand as its unit would, on loopback only.
    for (const m of MASTERS) {
      const root = hostRoots.get(m.name)!;
      const start =
        'set -a; . /etc/zookeeper/conf/environment; exec java -cp "$CLASSPATH" $JAVA_OPTS ' +
        '-Dzookeeper.log.dir=/var/log/zookeeper "$ZOOMAIN" /etc/zookeeper/conf/zoo.cfg';
      processes.push(spawn('chroot', [root, '/bin/sh', '-c', `${start} >/var/log/zookeeper/test.log 2>&1`], { stdio: 'ignore' }));
    }
    const deadline = Date.now() + 120_000;
    let modes: string[] = [];
    while (Date.now() < deadline) {
      modes = await Promise.all(MASTERS.map(async (m) => /^Mode: (\w+)/m.exec(await fourLetter(m.ip, CLIENT_PORT, 'srvr'))?.[1] ?? ''));
      if (modes.includes('leader') && modes.includes('follower')) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const logs = MASTERS.map((m) => {
      try {
        return readFileSync(join(hostRoots.get(m.name)!, 'var/log/zookeeper/test.log'), 'utf8').slice(-2000);
      } catch {
        return '';
      }
    }).join('\n');
    assert.deepEqual([...modes].sort(), ['follower', 'leader'], logs);
  },
);
