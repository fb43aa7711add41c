// Hosts that boot: each host of a two-master, one-agent cluster installed offline into a real Debian
// 12 root with its install.sh (image mode), then booted with systemd-nspawn (systemd as PID 1) on a
// bridge inside a network namespace this test creates; no traffic leaves it. ZooKeeper is Debian's
// real zookeeperd closure; Mesos, Marathon, Chronos and Docker are stand-in packages (test/stand-ins.ts)
// whose units serve HTTP where the generated configuration says the real daemons listen: the real
// programs cannot run here. Checked: the boot ends `running`, every role unit enabled and active or
// masked as the manifest says, the drop-ins and ZooKeeper's own unit in `systemctl cat`, one ZooKeeper
// leader; a killed ZooKeeper is restarted by systemd; after a power cycle the myids, a znode and the
// ensemble are back; a fresh root given only the NoCloud seed of cloud-init.yaml (and the bundle's
// packages, as an image would carry them) ends in the same state. Roots and .debs come from
// scripts/prepare-airgap-cache.sh.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BIN, tempDir } from './helpers.js';
import { boot, canBoot, cleanUp, createNetwork, inside, powerOff, waitBooted, type Container } from './nspawn.js';
import { bundleFolder, writeImagePackages } from './stand-ins.js';

const CACHE = process.env.MESOSGEN_TEST_CACHE ?? '/var/cache/mesosgen-tests';
const BOOT_TAR = join(CACHE, 'bookworm-boot-v1.tar');
const ZK_DEBS = join(CACHE, 'bookworm-zookeeperd-debs-v1');
const usable = process.getuid?.() === 0 && canBoot() && existsSync(BOOT_TAR) && existsSync(ZK_DEBS);
const skip = !usable && process.env.CI !== 'true' ? 'needs root, systemd-nspawn, nsenter and scripts/prepare-airgap-cache.sh (CI has them)' : false;

const GATEWAY = '10.99.0.1';
const MASTERS = [
  { name: 'master1', ip: '10.99.0.11', zookeeperId: 1 },
  { name: 'master2', ip: '10.99.0.12', zookeeperId: 2 },
];
const AGENT = { name: 'agent1', ip: '10.99.0.13' };
const IP: Record<string, string> = Object.fromEntries([...MASTERS, AGENT].map((h) => [h.name, h.ip]));
const CLIENT_PORT = 2181;

const roots: string[] = [];
const mounts: string[] = [];
after(async () => {
  await cleanUp();
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  const mounted = readFileSync('/proc/mounts', 'utf8');
  for (const root of roots) if (!mounted.includes(` ${root}/`)) rmSync(root, { recursive: true, force: true });
});

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Manifest {
  hosts: Array<{ name: string; units: { enable: string[]; mask: string[] }; files: Array<{ path: string }> }>;
}

/**
 * A fresh copy of the boot root, given what an image's provisioning gives it: a static address on
 * host0 (named to sort before the image's own 80-container-host0.network) and systemd-networkd.
 */
function newRoot(host: string): string {
  const root = tempDir(`mesosgen-boot-${host}-`);
  roots.push(root);
  sh('tar', ['-C', root, '-xf', BOOT_TAR]);
  mkdirSync(join(root, 'etc/systemd/network'), { recursive: true });
  writeFileSync(join(root, 'etc/systemd/network/10-host0.network'), `[Match]\nName=host0\n\n[Network]\nAddress=${IP[host]}/24\n`);
  sh('chroot', [root, 'systemctl', 'enable', '--quiet', 'systemd-networkd.service']);
  return root;
}

/** Installs one host's tarball into a new root offline (image mode, nothing started); returns the root. */
function installImage(out: string, host: string): string {
  const root = newRoot(host);
  sh('tar', ['-xzf', join(out, 'tarballs', `${host}.tar.gz`), '-C', join(root, 'root')]);
  sh('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
  mounts.push(join(root, 'proc'));
  const run = spawnSync('unshare', ['-n', 'chroot', root, '/bin/bash', `/root/${host}/install.sh`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  sh('umount', [join(root, 'proc')]);
  mounts.pop();
  assert.equal(run.status, 0, `${host}: ${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /image-build mode/);
  return root;
}

/** A four-letter word sent from inside `from` to a ZooKeeper; '' when nothing answers. */
function fourLetter(from: Container, ip: string, word: string): string {
  const ask = `exec 3<>/dev/tcp/${ip}/${CLIENT_PORT} && printf %s ${word} >&3 && timeout 5 cat <&3`;
  return inside(from, ['bash', '-c', ask], 10_000).stdout;
}

/** Waits up to `ms` for one leader and one follower among the masters; returns the modes seen last. */
async function waitForLeader(from: Container, ms = 90_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let modes: string[] = [];
  while (Date.now() < deadline) {
    modes = MASTERS.map((m) => /^Mode: (\w+)/m.exec(fourLetter(from, m.ip, 'srvr'))?.[1] ?? '').sort();
    if (modes.join() === 'follower,leader') break;
    await sleep(1000);
  }
  return modes;
}

/** The boot ended `running`, and the host's units are enabled and active, or masked, as the manifest says. */
async function checkHost(c: Container, manifest: Manifest): Promise<void> {
  const state = await waitBooted(c);
  const failed = inside(c, ['systemctl', '--failed', '--no-legend', '--plain']).stdout;
  assert.equal(state, 'running', `${c.name}: failed units: ${failed}`);
  const entry = manifest.hosts.find((h) => h.name === c.name)!;
  for (const unit of entry.units.enable) {
    assert.equal(inside(c, ['systemctl', 'is-enabled', unit]).stdout.trim(), 'enabled', `${c.name}: ${unit}`);
    assert.equal(inside(c, ['systemctl', 'is-active', unit]).stdout.trim(), 'active', `${c.name}: ${unit}`);
  }
  for (const unit of entry.units.mask) assert.equal(inside(c, ['systemctl', 'is-enabled', unit]).stdout.trim(), 'masked', `${c.name}: ${unit}`);
  // systemd reads every unit file and drop-in mesosgen wrote.
  for (const file of entry.files.map((f) => f.path).filter((p) => p.startsWith('rootfs/etc/systemd/system/'))) {
    const path = file.slice('rootfs'.length);
    const unit = path.split('/')[4].replace(/\.d$/, '');
    assert.ok(inside(c, ['systemctl', 'cat', unit]).stdout.includes(`# ${path}\n`), `${c.name}: systemd does not read ${path}`);
  }
}

function zkCli(c: Container, ...args: string[]): string {
  const r = inside(c, ['/usr/share/zookeeper/bin/zkCli.sh', '-server', `${IP[c.name]}:${CLIENT_PORT}`, ...args], 60_000);
  return r.stdout + r.stderr;
}

const TITLE = 'booted: hosts installed offline boot under systemd, ZooKeeper is supervised and survives a power cycle, cloud-init gives the same';
test(TITLE, { skip, timeout: 1_500_000 }, async () => {
  const work = tempDir('mesosgen-boot-');
  bundleFolder(work, ZK_DEBS, 'serve');
  writeImagePackages(newRoot('image'), join(work, 'image-packages.txt'));
  writeFileSync(
    join(work, 'cluster.json'),
    JSON.stringify({
      apiVersion: 'mesosgen/v1',
      cluster: { name: 'booted', etcHosts: 'all' },
      versions: { mesos: '1.9.0', marathon: '1.9.109', chronos: '3.0.2', zookeeper: '3.8' },
      hosts: [...MASTERS.map((m) => ({ ...m, roles: ['master'] })), { ...AGENT, roles: ['agent'] }],
      // nspawn containers here cannot raise the open-file hard limit above 20000.
      mesos: { limitNOFILE: 16384 },
    }),
  );
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const bundled = cli('bundle', 'debs', '--base', 'image-packages.txt', '--write', 'cluster.json');
  assert.equal(bundled.status, 0, bundled.stderr);
  const built = cli('build', 'cluster.json', '--out', 'out');
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const out = join(work, 'out');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;

  const hostRoots = new Map([...MASTERS, AGENT].map((h) => [h.name, installImage(out, h.name)]));
  createNetwork(GATEWAY);
  const log = (name: string) => join(work, `${name}.console.log`);
  const running = new Map<string, Container>();
  for (const [name, root] of hostRoots) running.set(name, await boot(name, root, log(name)));
  for (const c of running.values()) await checkHost(c, manifest);
  const master1 = running.get('master1')!;
  assert.deepEqual(await waitForLeader(master1), ['follower', 'leader']);

  // Supervised: a killed ZooKeeper is started again by systemd, answers, and rejoins.
  const mainPid = () => Number(inside(master1, ['systemctl', 'show', '--property=MainPID', '--value', 'zookeeper.service']).stdout.trim());
  const killed = mainPid();
  assert.ok(killed > 0, 'zookeeper.service has no main process');
  inside(master1, ['bash', '-c', `kill -KILL ${killed}`]);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !(mainPid() > 0 && mainPid() !== killed && fourLetter(master1, IP.master1, 'ruok') === 'imok')) await sleep(1000);
  assert.equal(fourLetter(master1, IP.master1, 'ruok'), 'imok', 'ZooKeeper did not come back within 60 s of SIGKILL');
  assert.deepEqual(await waitForLeader(master1), ['follower', 'leader']);

  // A power cycle of both masters: same myid, the znode written before reads back, the ensemble re-forms.
  assert.match(zkCli(master1, 'create', '/mesosgen-boot-test', 'survived'), /Created \/mesosgen-boot-test/);
  const myid = (c: Container) => inside(c, ['cat', '/var/lib/zookeeper/myid']).stdout;
  const before = MASTERS.map((m) => myid(running.get(m.name)!));
  assert.deepEqual(before, ['1\n', '2\n']);
  for (const m of MASTERS) await powerOff(running.get(m.name)!);
  for (const m of MASTERS) running.set(m.name, await boot(m.name, hostRoots.get(m.name)!, log(m.name)));
  for (const m of MASTERS) await checkHost(running.get(m.name)!, manifest);
  assert.deepEqual(MASTERS.map((m) => myid(running.get(m.name)!)), before);
  assert.deepEqual(await waitForLeader(running.get('master1')!), ['follower', 'leader']);
  assert.match(zkCli(running.get('master2')!, 'get', '/mesosgen-boot-test'), /^survived$/m);

  // cloud-init: master1 again on a fresh root that has only the NoCloud seed and the bundle's packages.
  await powerOff(running.get('master1')!);
  const fresh = newRoot('master1');
  cpSync(join(out, 'hosts/master1/packages'), join(fresh, 'var/lib/mesosgen/master1/packages'), { recursive: true });
  const seed = join(fresh, 'var/lib/cloud/seed/nocloud');
  mkdirSync(seed, { recursive: true });
  cpSync(join(out, 'hosts/master1/cloud-init.yaml'), join(seed, 'user-data'));
  writeFileSync(join(seed, 'meta-data'), 'instance-id: booted-master1\nlocal-hostname: master1\n');
  // A minbase image has no locales and its network comes from the file above, not from cloud-init.
  writeFileSync(join(fresh, 'etc/cloud/cloud.cfg.d/90-mesosgen-test.cfg'), 'datasource_list: [ NoCloud ]\nlocale: C.UTF-8\nnetwork: {config: disabled}\n');
  const viaCloudInit = await boot('master1', fresh, log('master1-cloud-init'));
  running.set('master1', viaCloudInit);
  const status = inside(viaCloudInit, ['cloud-init', 'status', '--wait', '--long'], 900_000);
  const output = inside(viaCloudInit, ['tail', '-n', '60', '/var/log/cloud-init-output.log']).stdout;
  assert.equal(status.status, 0, `cloud-init: ${status.stdout}${status.stderr}\n${output}`);
  assert.match(output, /install\.sh\[master1\]: services: ok/);
  await checkHost(viaCloudInit, manifest);
  assert.deepEqual(await waitForLeader(viaCloudInit), ['follower', 'leader']);
  assert.match(zkCli(viaCloudInit, 'get', '/mesosgen-boot-test'), /^survived$/m);
});
