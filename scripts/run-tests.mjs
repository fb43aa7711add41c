#!/usr/bin/env node
// Runs the compiled tests (dist/test) with node's test runner. `fast` (under 2 minutes on 2 cores):
// every file that needs no real component (ZooKeeper, Ansible, a Debian root, systemd, an npm
// install) and does not run a generated script end to end; `all` (the default, what .ci/run runs):
// every file. Extra arguments go to node --test.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Files left out of the fast tier, with what they run. */
const FULL_ONLY = {
  'airgap.test.js': 'debootstrap roots, dpkg, real ZooKeeper',
  'ansible.test.js': 'ansible-playbook and ansible-lint',
  'boot.test.js': 'Debian roots booted under systemd-nspawn, real ZooKeeper',
  'drain.test.js': 'rollout.sh and ansible-playbook draining agents against a stand-in master',
  'deploy.test.js': 'deploy.sh end to end against stand-in Marathon and Chronos servers',
  'install.test.js': 'install.sh end to end against stand-in systemctl, journalctl and services',
  'package.test.js': 'npm pack and an offline npm install',
  'root.test.js': 'systemctl --root and a dpkg lock',
  'systemd.test.js': 'systemd-analyze verify',
  'zookeeper.test.js': 'a real 3-member ZooKeeper ensemble',
};

const [tier = 'all', ...rest] = process.argv.slice(2);
if (tier !== 'all' && tier !== 'fast') {
  console.error('usage: run-tests.mjs [all|fast] [node --test options]');
  process.exit(2);
}
const files = readdirSync('dist/test')
  .filter((f) => f.endsWith('.test.js') && (tier === 'all' || !(f in FULL_ONLY)))
  .sort()
  .map((f) => `dist/test/${f}`);
// Most of a test's time is a child process or the disk: more files than cores keeps both busy.
const concurrency = tier === 'fast' ? ['--test-concurrency', String(2 * availableParallelism())] : [];
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...concurrency, ...rest, ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
