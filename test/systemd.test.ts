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

const STAND_INS: Record<string, string> = {
  'mesos-master.service': '[Unit]\nDescription=Mesos Master\nAfter=network.target\nWants=network.target\n\n[Service]\nExecStart=/bin/true\nRestart=always\nRestartSec=20\nLimitNOFILE=16384\n\n[Install]\nWantedBy=multi-user.target\n',
  'mesos-slave.service': '[Unit]\nDescription=Mesos Slave\nAfter=network.target\nWants=network.target\n\n[Service]\nExecStart=/bin/true\nKillMode=process\nRestart=always\nRestartSec=20\nLimitNOFILE=16384\nCPUAccounting=true\nMemoryAccounting=true\n\n[Install]\nWantedBy=multi-user.target\n',
  'marathon.service': '[Unit]\nDescription=Marathon\nAfter=network.target\n\n[Service]\nEnvironmentFile=/dev/null\nExecStart=/bin/true\nRestart=always\nRestartSec=60\nLimitNOFILE=1024\n\n[Install]\nWantedBy=multi-user.target\n',
  'chronos.service': '[Unit]\nDescription=Chronos\nAfter=network.target\n\n[Service]\nEnvironmentFile=-/etc/sysconfig/chronos\nExecStart=/bin/true\nRestart=always\nRestartSec=20\n\n[Install]\nWantedBy=multi-user.target\n',
  'zookeeper.service': '[Unit]\nDescription=ZooKeeper (generated from the SysV script in Debian)\n\n[Service]\nType=forking\nExecStart=/bin/true\n',
  'docker.service': '[Unit]\nDescription=Docker\n\n[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n',
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
      const withDropIns = existsSync(dropIns) ? readdirSync(dropIns).map((d) => d.replace(/\.d$/, '')) : [];
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
