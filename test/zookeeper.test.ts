// Real ZooKeeper: three servers from Debian's `zookeeper` package run the zoo.cfg and myid that
// mesosgen generates for a 3-master spec on loopback addresses. Only dataDir is relocated to a temp
// dir. Asserts one leader and two followers (four-letter word `srvr`), then that a new leader is
// elected when the leader stops; `mesosgen verify` (ZooKeeper only) finds the ensemble as built, then
// names the stopped member. Skips only outside CI when ZooKeeper is not installed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compile } from '../src/pipeline.js';
import { formatDiagnosticsText } from '../src/diagnostics/format.js';
import { tempDir } from './helpers.js';
import { verifyCluster } from '../src/verify/verify-cluster.js';

const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const installed = existsSync(ZOOKEEPER_JAR) && existsSync('/usr/bin/java');
const skip = !installed && process.env.CI !== 'true' ? 'Debian package zookeeper is not installed (CI installs it)' : false;

// Unusual ports so a ZooKeeper already running on this machine cannot answer for ours.
const MASTERS = [
  { name: 'zk1', ip: '127.0.0.11', zookeeperId: 1 },
  { name: 'zk2', ip: '127.0.0.12', zookeeperId: 2 },
  { name: 'zk3', ip: '127.0.0.13', zookeeperId: 3 },
];
const CLIENT_PORT = 22181;
const running = new Map<string, ChildProcess>();
after(() => running.forEach((p) => p.kill('SIGKILL')));

test('a generated 3-member ensemble elects a leader, and a new one when the leader stops', { skip, timeout: 180_000 }, async () => {
  const work = tempDir('mesosgen-zk-');
  const specPath = join(work, 'cluster.json');
  writeFileSync(specPath, JSON.stringify({
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'zktest', loopback: 'allow' },
    versions: { zookeeper: '3.8' },
    hosts: [...MASTERS.map((m) => ({ ...m, roles: ['master'] })), { name: 'agent1', ip: '127.0.0.21', roles: ['agent'] }],
    zookeeper: { clientPort: CLIENT_PORT, peerPort: 22888, electionPort: 23888, tickTime: 500 },
  }));
  const result = await compile({ specPath, outDir: join(work, 'out') });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));

  for (const m of MASTERS) {
    const conf = join(work, 'out/hosts', m.name, 'rootfs/etc/zookeeper/conf');
    const dataDir = join(work, 'data', m.name);
    mkdirSync(dataDir, { recursive: true });
    // The packaged layout reads <dataDir>/myid through a symlink to /etc/zookeeper/conf/myid.
    writeFileSync(join(dataDir, 'myid'), readFileSync(join(conf, 'myid')));
    const cfg = readFileSync(join(conf, 'zoo.cfg'), 'utf8');
    assert.match(cfg, /^dataDir=\/var\/lib\/zookeeper$/m);
    const cfgPath = join(work, `${m.name}.cfg`);
    writeFileSync(cfgPath, cfg.replace(/^dataDir=.*$/m, `dataDir=${dataDir}`));
    const log = openSync(join(work, `${m.name}.log`), 'w');
    running.set(
      m.name,
      spawn('java', ['-cp', `/etc/zookeeper/conf:${ZOOKEEPER_JAR}`, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', cfgPath], {
        stdio: ['ignore', log, log],
      }),
    );
  }

  const modes = await waitForModes(
    MASTERS.map((m) => m.ip),
    (m) => m.filter((x) => x === 'leader').length === 1 && m.filter((x) => x === 'follower').length === 2,
    work,
  );
  const leader = MASTERS[modes.indexOf('leader')];
  // `mesosgen verify` asks the real members with srvr: one leader, everything as built.
  const verify = () => verifyCluster({ build: join(work, 'out'), timeoutMs: 5000, parallel: 4, components: new Set(['zookeeper']) });
  assert.deepEqual((await verify()).findings, []);
  running.get(leader.name)?.kill('SIGTERM');
  running.delete(leader.name);

  const rest = MASTERS.filter((m) => m !== leader);
  const after = await waitForModes(rest.map((m) => m.ip), (m) => m.includes('leader') && m.includes('follower'), work);
  assert.deepEqual([...after].sort(), ['follower', 'leader']);
  // The stopped member is named as unreachable; the other two still make one leader.
  const report = await verify();
  assert.deepEqual(report.findings.map((f) => `${f.host} ${f.code} ${f.key}`), [`${leader.name} V_UNREACHABLE srvr at ${leader.ip}:${CLIENT_PORT}`]);
});

/** Polls `srvr` on every address until `done(modes)`; fails after 90 s with the last modes and logs. */
async function waitForModes(ips: string[], done: (modes: string[]) => boolean, work: string): Promise<string[]> {
  const deadline = Date.now() + 90_000;
  let modes: string[] = [];
  while (Date.now() < deadline) {
    modes = await Promise.all(ips.map((ip) => srvrMode(ip)));
    if (done(modes)) return modes;
    await new Promise((r) => setTimeout(r, 500));
  }
  const logs = MASTERS.map((m) => `${m.name}: ${readFileSync(join(work, `${m.name}.log`), 'utf8').slice(-1500)}`).join('\n');
  assert.fail(`ensemble did not settle; modes ${JSON.stringify(modes)}\n${logs}`);
}

/** The `Mode:` line of the srvr four-letter word, or "down". */
function srvrMode(ip: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect({ host: ip, port: CLIENT_PORT }, () => socket.end('srvr'));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('error', () => resolve('down'));
    socket.on('close', () => resolve(/^Mode: (\w+)/m.exec(text)?.[1] ?? 'down'));
  });
}
