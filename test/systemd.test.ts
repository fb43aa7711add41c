// The generated drop-ins against the real `systemd-analyze verify` (Debian's systemd package). The
// Mesos, Marathon, Chronos, ZooKeeper and Docker packages are not installed here, so their units are
// stand-ins written from the packages' unit files (Restart, LimitNOFILE, KillMode as packaged) with
// ExecStart=/bin/true, because verify also checks that the command exists. Skips only outside CI
// when systemd-analyze is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, tempDir } from './helpers.js';

const ANALYZE = '/usr/bin/systemd-analyze';
const skip = !existsSync(ANALYZE) && process.env.CI !== 'true' ? 'systemd-analyze is not installed (CI installs systemd)' : false;

/** A unit file of `lines`. */
const unit = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

const STAND_INS: Record<string, string> = {
  'mesos-master.service': unit(
    '[Unit]',
    'Description=Mesos Master',
    'After=network.target',
    'Wants=network.target',
    '',
    '[Service]',
    'ExecStart=/bin/true',
    'Restart=always',
    'RestartSec=20',
    'LimitNOFILE=16384',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ),
  'mesos-slave.service': unit(
    '[Unit]',
    'Description=Mesos Slave',
    'After=network.target',
    'Wants=network.target',
    '',
    '[Service]',
    'ExecStart=/bin/true',
    'KillMode=process',
    'Restart=always',
    'RestartSec=20',
    'LimitNOFILE=16384',
    'CPUAccounting=true',
    'MemoryAccounting=true',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ),
  'marathon.service': unit(
    '[Unit]',
    'Description=Marathon',
    'After=network.target',
    '',
    '[Service]',
    'EnvironmentFile=/dev/null',
    'ExecStart=/bin/true',
    'Restart=always',
    'RestartSec=60',
    'LimitNOFILE=1024',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ),
  'chronos.service': unit(
    '[Unit]',
    'Description=Chronos',
    'After=network.target',
    '',
    '[Service]',
    'EnvironmentFile=-/etc/sysconfig/chronos',
    'ExecStart=/bin/true',
    'Restart=always',
    'RestartSec=20',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ),
  'zookeeper.service': unit(
    '[Unit]',
    'Description=ZooKeeper (generated from the SysV script in Debian)',
    '',
    '[Service]',
    'Type=forking',
    'ExecStart=/bin/true',
  ),
  'docker.service': unit('[Unit]', 'Description=Docker', '', '[Service]', 'ExecStart=/bin/true', '', '[Install]', 'WantedBy=multi-user.target'),
};

interface Manifest {
  hosts: Array<{ name: string; units: { enable: string[]; mask: string[] } }>;
}

for (const goldenCase of ['seed', 'ha', 'single', 'legacy']) {
  test(`systemd-analyze verify accepts the drop-ins of golden case ${goldenCase}`, { skip }, () => {
    const expected = join(REPO, 'test/golden', goldenCase, 'expected');
    const manifest = JSON.parse(readFileSync(join(expected, 'manifest.json'), 'utf8')) as Manifest;
    for (const host of manifest.hosts) {
      const unitDir = tempDir('mesosgen-units-');
      for (const [unit, text] of Object.entries(STAND_INS)) writeFileSync(join(unitDir, unit), text);
      const dropIns = join(expected, 'hosts', host.name, 'rootfs/etc/systemd/system');
      const generated = existsSync(dropIns) ? readdirSync(dropIns) : [];
      // Whole units mesosgen writes (ZooKeeper's) replace the stand-in, as they take precedence over the packaged one.
      for (const unit of generated.filter((n) => n.endsWith('.service'))) cpSync(join(dropIns, unit), join(unitDir, unit));
      const withDropIns = generated.filter((n) => n.endsWith('.d')).map((d) => d.replace(/\.d$/, ''));
      for (const unit of withDropIns) {
        mkdirSync(join(unitDir, `${unit}.d`));
        cpSync(join(dropIns, `${unit}.d`), join(unitDir, `${unit}.d`), { recursive: true });
      }
      // Every unit the host enables, and every unit it has a drop-in for, must load cleanly.
      const units = [...new Set([...host.units.enable, ...withDropIns])].sort();
      assert.ok(withDropIns.every((u) => host.units.enable.includes(u)), `${host.name}: a drop-in for a unit the host does not run`);
      const result = spawnSync(ANALYZE, ['verify', '--man=no', ...units.map((u) => join(unitDir, u))], {
        encoding: 'utf8',
        env: { ...process.env, SYSTEMD_UNIT_PATH: `${unitDir}:`, SYSTEMD_LOG_LEVEL: 'notice' },
      });
      assert.equal(result.status, 0, `${host.name}: ${result.stderr}`);
      assert.equal(result.stderr.trim(), '', `${host.name}: verify printed warnings`);
    }
  });
}

test('the manifest masks what a role must not run and never what the host needs', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'test/golden/seed/expected/manifest.json'), 'utf8')) as Manifest;
  const units = Object.fromEntries(manifest.hosts.map((h) => [h.name, h.units]));
  assert.deepEqual(units.compute1, {
    enable: ['docker.service', 'mesos-slave.service'],
    mask: ['chronos.service', 'marathon.service', 'mesos-master.service', 'zookeeper.service'],
  });
  assert.deepEqual(units.master1, {
    enable: ['zookeeper.service', 'mesos-master.service', 'marathon.service', 'chronos.service'],
    mask: ['mesos-slave.service'],
  });
  const single = JSON.parse(readFileSync(join(REPO, 'test/golden/single/expected/manifest.json'), 'utf8')) as Manifest;
  assert.deepEqual(single.hosts[0].units.mask, [], 'a host with both roles masks nothing it runs');
});
