// install.sh --root DIR stays inside DIR: every path is resolved as a chroot into DIR would resolve
// it, so a link inside DIR that names an absolute path (the zookeeper package's
// /etc/zookeeper/conf -> /etc/alternatives/zookeeper-conf) leads to DIR's copy, never to the build
// machine's. A canary folder outside DIR proves it untouched. Units are enabled and masked inside
// DIR with systemctl --root, with no systemd running.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../src/pipeline.js';
import { REPO, listFiles, tempDir } from './helpers.js';

const hasSystemctl = spawnSync('sh', ['-c', 'command -v systemctl']).status === 0;

async function seedHost(host: string): Promise<string> {
  const out = join(tempDir('mesosgen-root-build-'), 'out');
  assert.ok((await compile({ specPath: join(REPO, 'fixtures/seed/cluster.json'), outDir: out })).ok);
  return join(out, 'hosts', host);
}

function install(hostDir: string, ...args: string[]) {
  const r = spawnSync('bash', [join(hostDir, 'install.sh'), ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Every file under `dir` with its content: the canary must be byte for byte what it was. */
const contents = (dir: string) => listFiles(dir).map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`);

test('--root follows absolute and relative links inside DIR and never writes, reads or backs up outside it', async () => {
  const hostDir = await seedHost('master1');
  const canary = tempDir('mesosgen-canary-');
  mkdirSync(join(canary, 'conf'));
  writeFileSync(join(canary, 'conf/zoo.cfg'), 'the build machine\'s own zoo.cfg\n');
  writeFileSync(join(canary, 'hosts'), '127.0.0.1 the-build-machine\n');
  const before = contents(canary);
  const root = tempDir('mesosgen-root-');
  // As the zookeeper package lays it out, but pointing at the canary's absolute path.
  mkdirSync(join(root, 'etc/zookeeper'), { recursive: true });
  mkdirSync(join(root, 'etc/alternatives'), { recursive: true });
  symlinkSync('/etc/alternatives/zookeeper-conf', join(root, 'etc/zookeeper/conf'));
  symlinkSync(join(canary, 'conf'), join(root, 'etc/alternatives/zookeeper-conf'));
  // A relative link that climbs above the root, and /etc/hosts as an absolute link.
  mkdirSync(join(root, 'etc/mesos-master-real'), { recursive: true });
  symlinkSync('../../../../../../../../etc/mesos-master-real', join(root, 'etc/mesos-master'));
  symlinkSync(join(canary, 'hosts'), join(root, 'etc/hosts'));
  writeFileSync(join(root, 'etc/mesos-master-real/stray'), 'old flag\n');

  const first = install(hostDir, '--root', root);
  assert.equal(first.status, 0, first.out);
  assert.deepEqual(contents(canary), before, 'a file outside --root changed');
  // The files landed where a chroot would have put them, and the links are still links.
  const resolvedConf = join(root, canary, 'conf');
  assert.equal(readFileSync(join(resolvedConf, 'zoo.cfg'), 'utf8'), readFileSync(join(hostDir, 'rootfs/etc/zookeeper/conf/zoo.cfg'), 'utf8'));
  assert.equal(readlinkSync(join(root, 'etc/zookeeper/conf')), '/etc/alternatives/zookeeper-conf');
  assert.ok(existsSync(join(root, 'etc/mesos-master-real/quorum')));
  assert.ok(!existsSync(join(root, 'etc/mesos-master-real/stray')), 'the stray flag file is purged inside the root');
  assert.match(readFileSync(join(root, canary, 'hosts'), 'utf8'), /# BEGIN mesosgen/);
  assert.ok(lstatSync(join(root, 'etc/hosts')).isSymbolicLink());
  // A second run changes nothing.
  const second = install(hostDir, '--root', root);
  assert.equal(second.status, 0, second.out);
  assert.match(second.out, /nothing changed/);
  assert.deepEqual(contents(canary), before);
});

test('--root refuses a link loop with exit 5 before writing anything', async () => {
  const hostDir = await seedHost('compute1');
  const root = tempDir('mesosgen-root-loop-');
  mkdirSync(join(root, 'etc'));
  symlinkSync('/etc/b', join(root, 'etc/a'));
  symlinkSync('/etc/a', join(root, 'etc/b'));
  symlinkSync('/etc/a', join(root, 'etc/mesos-slave'));
  const run = install(hostDir, '--root', root);
  assert.equal(run.status, 5, run.out);
  assert.match(run.out, /too many links/);
  const written = spawnSync('find', [root, '-type', 'f'], { encoding: 'utf8' }).stdout.trim();
  assert.equal(written, '', 'nothing was written');
});

test(
  "--root enables and masks the role's units inside DIR, and a second run changes nothing",
  { skip: !hasSystemctl && process.env.CI !== 'true' ? 'systemctl is not installed (CI installs systemd)' : false },
  async () => {
    const hostDir = await seedHost('compute1');
    const root = tempDir('mesosgen-root-units-');
    // Stand-in unit files, as the mesos and docker.io packages would install them.
    mkdirSync(join(root, 'lib/systemd/system'), { recursive: true });
    for (const unit of ['mesos-slave', 'docker', 'mesos-master']) {
      writeFileSync(
        join(root, 'lib/systemd/system', `${unit}.service`),
        `[Unit]\nDescription=${unit} stand-in\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n`,
      );
    }
    const first = install(hostDir, '--root', root);
    assert.equal(first.status, 0, first.out);
    const unitDir = join(root, 'etc/systemd/system');
    assert.equal(readlinkSync(join(unitDir, 'mesos-master.service')), '/dev/null', 'an agent masks mesos-master');
    assert.ok(lstatSync(join(unitDir, 'multi-user.target.wants/mesos-slave.service')).isSymbolicLink());
    assert.ok(lstatSync(join(unitDir, 'multi-user.target.wants/docker.service')).isSymbolicLink());
    assert.match(first.out, /the first boot starts, in this order: docker\.service mesos-slave\.service/);
    const second = install(hostDir, '--root', root);
    assert.equal(second.status, 0, second.out);
    assert.match(second.out, /nothing changed/);
  },
);

// A master that becomes an agent: mesosgen wrote /etc/systemd/system/zookeeper.service for it, and
// systemctl cannot mask a unit over a file. install.sh backs it up, removes it and masks the unit.
test(
  'a master turned agent: the ZooKeeper unit mesosgen wrote is backed up, removed and masked',
  { skip: !hasSystemctl && process.env.CI !== 'true' ? 'systemctl is not installed (CI installs systemd)' : false },
  async () => {
    const root = tempDir('mesosgen-root-role-');
    mkdirSync(join(root, 'lib/systemd/system'), { recursive: true });
    for (const unit of ['mesos-slave', 'docker', 'mesos-master', 'marathon', 'chronos']) {
      writeFileSync(
        join(root, 'lib/systemd/system', `${unit}.service`),
        `[Unit]\nDescription=${unit} stand-in\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n`,
      );
    }
    const asMaster = install(await seedHost('master1'), '--root', root);
    assert.equal(asMaster.status, 0, asMaster.out);
    const unit = join(root, 'etc/systemd/system/zookeeper.service');
    const written = readFileSync(unit, 'utf8');
    assert.match(written, /^ExecStart=\/usr\/bin\/java /m);
    assert.ok(lstatSync(join(root, 'etc/systemd/system/multi-user.target.wants/zookeeper.service')).isSymbolicLink());
    const asAgent = install(await seedHost('compute1'), '--root', root);
    assert.equal(asAgent.status, 0, asAgent.out);
    assert.match(asAgent.out, /remove \/etc\/systemd\/system\/zookeeper\.service: mesosgen wrote it for a role this host no longer has/);
    assert.equal(readlinkSync(unit), '/dev/null', 'zookeeper.service is masked');
    // The master masked mesos-slave; the agent runs it, so it is unmasked and enabled again.
    assert.match(asAgent.out, /unmask mesos-slave\.service: this host's roles run it/);
    assert.ok(lstatSync(join(root, 'etc/systemd/system/multi-user.target.wants/mesos-slave.service')).isSymbolicLink());
    assert.ok(!existsSync(join(root, 'etc/systemd/system/mesos-slave.service')), 'mesos-slave.service is no longer masked');
    const backups = listFiles(join(root, 'var/backups/mesosgen')).filter((f) => f.endsWith('etc/systemd/system/zookeeper.service'));
    assert.equal(backups.length, 1);
    assert.equal(readFileSync(join(root, 'var/backups/mesosgen', backups[0]), 'utf8'), written);
    // An administrator's own unit file is not mesosgen's to remove: masking it fails, naming the unit.
    const other = tempDir('mesosgen-root-role-own-');
    mkdirSync(join(other, 'etc/systemd/system'), { recursive: true });
    writeFileSync(join(other, 'etc/systemd/system/zookeeper.service'), '[Service]\nExecStart=/bin/true\n');
    const refused = install(await seedHost('compute1'), '--root', other);
    assert.equal(refused.status, 6, refused.out);
    assert.match(refused.out, /systemctl could not mask zookeeper\.service/);
    assert.equal(readFileSync(join(other, 'etc/systemd/system/zookeeper.service'), 'utf8'), '[Service]\nExecStart=/bin/true\n');
  },
);

// The host's own dpkg is locked here (by a stand-in holder of apt's frontend lock, as a running
// apt-get would hold it): preflight must say so and stop before the packages step changes anything.
test(
  'preflight stops with exit 3 while dpkg is locked, before any change',
  {
    skip:
      process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v apt-get && command -v python3']).status !== 0 ? 'needs root, apt-get and python3' : false,
  },
  async () => {
    const out = join(tempDir('mesosgen-lock-'), 'out');
    assert.ok((await compile({ specPath: join(REPO, 'test/golden/bundle/spec.json'), outDir: out })).ok);
    const holder =
      'import fcntl, sys, time\nf = open("/var/lib/dpkg/lock-frontend", "a+")\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint("locked", flush=True)\ntime.sleep(30)\n';
    const child = spawn('python3', ['-c', holder], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const run = spawnSync('unshare', ['-n', 'bash', join(out, 'hosts/a1/install.sh'), '--offline'], { encoding: 'utf8' });
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.match(run.stderr, /apt cannot work now .*lock/);
      assert.doesNotMatch(run.stdout, /install from the bundle|write \//);
    } finally {
      child.kill('SIGKILL');
    }
  },
);

// systemctl --root follows links below DIR as the build machine sees them: a linked folder it writes
// into would put enable and mask links outside DIR. install.sh refuses in preflight, before any write.
test(
  '--root refuses (exit 5) a linked folder that systemctl would write unit links through, and writes nothing',
  { skip: !hasSystemctl && process.env.CI !== 'true' ? 'systemctl is not installed (CI installs systemd)' : false },
  async () => {
    const hostDir = await seedHost('compute1');
    const layouts: Array<[string, (root: string, canary: string) => void]> = [
      ['etc', (root, canary) => symlinkSync(canary, join(root, 'etc'))],
      [
        'etc/systemd',
        (root, canary) => {
          mkdirSync(join(root, 'etc'));
          symlinkSync(`../../../../../../../../..${canary}`, join(root, 'etc/systemd'));
        },
      ],
      [
        'etc/systemd/system',
        (root, canary) => {
          mkdirSync(join(root, 'etc/systemd'), { recursive: true });
          symlinkSync(canary, join(root, 'etc/systemd/system'));
        },
      ],
      [
        'etc/systemd/system/multi-user.target.wants',
        (root, canary) => {
          mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
          symlinkSync(canary, join(root, 'etc/systemd/system/multi-user.target.wants'));
        },
      ],
      [
        'lib/systemd/system',
        (root, canary) => {
          mkdirSync(join(root, 'lib/systemd'), { recursive: true });
          symlinkSync(canary, join(root, 'lib/systemd/system'));
        },
      ],
    ];
    for (const [link, lay] of layouts) {
      const root = tempDir('mesosgen-root-sysctl-');
      const canary = tempDir('mesosgen-canary-');
      lay(root, canary);
      for (const unit of ['mesos-slave', 'docker', 'mesos-master']) {
        const dir = join(root, 'usr/lib/systemd/system');
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          join(dir, `${unit}.service`),
          `[Unit]\nDescription=${unit} stand-in\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n`,
        );
      }
      const run = install(hostDir, '--root', root);
      assert.equal(run.status, 5, `${link}: ${run.out}`);
      assert.match(run.out, new RegExp(`${root}/${link} (is a link|leads to)`));
      assert.deepEqual(readdirSync(canary), [], `${link}: something was written outside --root`);
      assert.equal(spawnSync('find', [root, '-type', 'f', '-path', '*/etc/*'], { encoding: 'utf8' }).stdout.trim(), '', `${link}: nothing is written`);
    }
  },
);

test('install.sh refuses (exit 7) a file changed after the build, before writing anything; --no-verify installs it', async () => {
  const hostDir = await seedHost('compute1');
  writeFileSync(join(hostDir, 'rootfs/etc/mesos-slave/work_dir'), '/tmp/elsewhere\n');
  const root = tempDir('mesosgen-root-tampered-');
  const run = install(hostDir, '--root', root, '--only', 'preflight,files');
  assert.equal(run.status, 7, run.out);
  assert.match(run.out, /files do not match their SHA-256 in install\.sh: etc\/mesos-slave\/work_dir;/);
  assert.deepEqual(readdirSync(root), [], 'nothing is written');
  // --only files alone (no preflight) checks too.
  assert.equal(install(hostDir, '--root', root, '--only', 'files').status, 7);
  const forced = install(hostDir, '--root', root, '--only', 'files', '--no-verify');
  assert.equal(forced.status, 0, forced.out);
  assert.equal(readFileSync(join(root, 'etc/mesos-slave/work_dir'), 'utf8'), '/tmp/elsewhere\n');
});
