// `mesosgen verify BUILD` against stand-ins for a running cluster (test/stand-in-cluster.ts: the
// documented answers of Mesos, Marathon, Chronos and ZooKeeper's four-letter words, derived from the
// build by the simulated launchers; none of those programs can run here). A clean cluster gives no
// finding; each kind of drift is made in the stand-ins and must be found, named and nothing else;
// unreachable and hostile endpoints give findings, never an internal error, in bounded time.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { compile } from '../src/pipeline.js';
import { formatDiagnosticsText } from '../src/diagnostics/format.js';
import { checkZookeeperMember } from '../src/verify/check-zookeeper.js';
import type { Finding } from '../src/verify/probe.js';
import { verifyCluster, type VerifyOptions } from '../src/verify/verify-cluster.js';
import { BIN, freePorts, tempDir } from './helpers.js';
import { startStandInCluster, type StandInCluster, type World } from './stand-in-cluster.js';

const NET = '127.0.77.';
const IPS = { m1: `${NET}11`, m2: `${NET}12`, m3: `${NET}13`, a1: `${NET}21`, a2: `${NET}22` };
const PASSWORD = 'web-s3cret-pw';
const work = tempDir('mesosgen-verify-');
let ports: Record<'master' | 'agent' | 'zk' | 'marathon' | 'chronos', number>;
let cluster: StandInCluster;
let secure: StandInCluster;
const BUILD = join(work, 'out');
const SECURE = join(work, 'secure');

function spec(auth: boolean): object {
  return {
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'verify', loopback: 'allow' },
    versions: { mesos: '1.9.0', marathon: '1.9.109', chronos: '3.0.2', zookeeper: '3.8' },
    hosts: [
      { name: 'm1', ip: IPS.m1, roles: ['master'], zookeeperId: 1 },
      { name: 'm2', ip: IPS.m2, roles: ['master'], zookeeperId: 2 },
      { name: 'm3', ip: IPS.m3, roles: ['master'], zookeeperId: 3 },
      { name: 'a1', ip: IPS.a1, roles: ['agent'], resources: { cpus: 2, mem: 2048 }, attributes: { rack: 'r1' } },
      { name: 'a2', ip: IPS.a2, roles: ['agent'] },
    ],
    zookeeper: { clientPort: ports.zk },
    mesos: {
      master: { port: ports.master, flags: { offer_timeout: '90secs', ...(auth ? { authenticate_http_readonly: true } : {}) } },
      agent: { port: ports.agent, executorRegistrationTimeout: '5mins' },
    },
    marathon: {
      enabled: true, httpPort: ports.marathon,
      ...(auth ? { httpCredentials: { user: 'admin', password: { secret: { file: 'web.txt' } } } } : {}),
    },
    chronos: {
      enabled: true, httpPort: ports.chronos,
      ...(auth ? { httpCredentials: { user: 'admin', password: { secret: { file: 'web.txt' } } } } : {}),
    },
    apps: [{ id: '/web', cmd: 'python3 -m http.server $PORT0', cpus: 0.1, mem: 64, instances: 2 }],
    jobs: [{ name: 'nightly', command: 'true', schedule: 'R/2026-01-01T02:00:00Z/P1D', cpus: 0.1, mem: 32, owner: 'ops@example.com' }],
  };
}

async function build(name: string, auth: boolean): Promise<void> {
  const specPath = join(work, `${name}.json`);
  writeFileSync(specPath, JSON.stringify(spec(auth)));
  const result = await compile({ specPath, outDir: join(work, name) });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
}

before(async () => {
  const [master, agent, zk, marathon, chronos] = await freePorts(Object.values(IPS), 5);
  ports = { master, agent, zk, marathon, chronos };
  writeFileSync(join(work, 'web.txt'), `${PASSWORD}\n`);
  await build('out', false);
  cluster = await startStandInCluster(BUILD, ports.chronos);
});
after(async () => {
  await cluster?.close();
  await secure?.close();
});

/** Runs the CLI without blocking this process, which serves the stand-ins. */
function mesosgen(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const options = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ build: BUILD, timeoutMs: 5000, parallel: 16, ...extra });
const brief = (findings: Finding[]) => findings.map((f) => `${f.host} ${f.code} ${f.key}`);
const slave = (world: World, name: 'a1' | 'a2') => world.slaves.find((s) => String(s.pid).includes(IPS[name]))!;

test('a cluster that runs the build gives no finding', async () => {
  cluster.reset();
  const report = await verifyCluster(options());
  assert.deepEqual(report.findings, []);
  // Every kind of endpoint was asked.
  const paths = ['/flags', '/version', '/master/redirect', '/master/slaves', '/v2/info', '/v2/apps/web', '/v2/apps'];
  paths.push('/v1/scheduler/leader', '/v1/scheduler/jobs');
  for (const path of paths)
    assert.ok(cluster.requests.some((r) => r.endsWith(` ${path}`)), path);
});

const DRIFT: Array<[string, (w: World) => void, string[]]> = [
  ['a master flag edited by hand', (w) => void (w.masters.get(IPS.m1)!.flags.quorum = '1'), ['m1 V_FLAG_VALUE quorum']],
  ['a flag the build gives is not set', (w) => delete w.masters.get(IPS.m2)!.flags.offer_timeout, ['m2 V_FLAG_UNSET offer_timeout']],
  ['another Mesos version', (w) => void (w.masters.get(IPS.m3)!.version = '1.8.1'), ['m3 V_VERSION mesos-master']],
  ['an agent flag', (w) => void (w.agents.get(IPS.a2)!.flags.executor_registration_timeout = '1mins'), ['a2 V_FLAG_VALUE executor_registration_timeout']],
  ['an agent that never registered', (w) => void (w.slaves = w.slaves.filter((s) => s !== slave(w, 'a1'))), ['a1 V_AGENT_MISSING a1']],
  ['a deactivated agent', (w) => void (slave(w, 'a2').active = false), ['a2 V_AGENT_INACTIVE a2']],
  ['an agent registered with other resources', (w) => void ((slave(w, 'a1').resources as Record<string, number>).cpus = 4), [
    'a1 V_AGENT_FIELD resources/cpus',
  ]],
  ['an agent registered with other attributes', (w) => void (slave(w, 'a1').attributes = { rack: 'r9' }), ['a1 V_AGENT_FIELD attributes/rack']],
  ['an agent the build does not have', (w) => void w.slaves.push({ pid: 'slave(1)@10.9.9.9:5051', hostname: 'stray', active: true }), [
    'cluster V_AGENT_EXTRA slave(1)@10.9.9.9:5051',
  ]],
  ['no elected leader', (w) => void (w.leader = undefined), ['m1 V_NO_LEADER leader', 'm2 V_NO_LEADER leader', 'm3 V_NO_LEADER leader']],
  ['a leader that is not a master of the build', (w) => void (w.leader = `10.1.1.1:${ports.master}`), [`cluster V_NO_LEADER leader`]],
  ['Marathon on another ZooKeeper path', (w) => {
    (w.masters.get(IPS.m2)!.marathon!.zookeeper_config as Record<string, string>).zk = `zk://${IPS.m1}:${ports.zk}/other`;
  }, ['m2 V_MARATHON_CONFIG zk']],
  ['an app scaled in the UI', (w) => void (w.apps.get('/web')!.instances = 5), ['cluster V_APP_FIELD /web/instances']],
  ['an app given a constraint in the UI', (w) => void (w.apps.get('/web')!.constraints = [['hostname', 'UNIQUE']]), ['cluster V_APP_FIELD /web/constraints']],
  ['an app deleted', (w) => void w.apps.delete('/web'), ['cluster V_APP_MISSING /web']],
  ['an app the build does not have', (w) => void w.apps.set('/other', { id: '/other', cmd: 'sleep 1' }), ['cluster V_APP_EXTRA /other']],
  ['a job edited', (w) => void (w.jobs[0].command = 'false'), ['cluster V_JOB_FIELD nightly/command']],
  ['a job run hourly', (w) => void (w.jobs[0].schedule = 'R/2026-12-08T00:10:00.000Z/PT1H'), ['cluster V_JOB_FIELD nightly/schedule']],
  ['a job deleted', (w) => void (w.jobs = []), ['cluster V_JOB_MISSING nightly']],
  ['a job the build does not have', (w) => void w.jobs.push({ name: 'adhoc', command: 'true' }), ['cluster V_JOB_EXTRA adhoc']],
  ['two ZooKeeper leaders', (w) => void (w.zookeeper.get(IPS.m2)!.mode = 'leader'), ['cluster V_ZK_LEADERS leaders']],
  ['a member that left the ensemble', (w) => void (w.zookeeper.get(IPS.m3)!.mode = 'standalone'), ['m3 V_ZK_MODE mode']],
];

for (const [name, drift, expected] of DRIFT) {
  test(`drift found: ${name}`, async () => {
    cluster.reset();
    drift(cluster.world);
    const report = await verifyCluster(options());
    assert.deepEqual(brief(report.findings), expected);
  });
}

test('the CLI: exit 0 and a summary when nothing drifted, 1 with each finding on drift, in text, JSON and Markdown', async () => {
  cluster.reset();
  const clean = await mesosgen('verify', BUILD);
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, 'mesosgen verify: no drift across 5 host(s) of cluster verify\n');
  cluster.world.masters.get(IPS.m1)!.flags.quorum = '1';
  cluster.world.apps.get('/web')!.instances = 5;
  const text = await mesosgen('verify', BUILD);
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /^m1:\n {2}mesos-master V_FLAG_VALUE flag quorum is 1 on the running daemon, the build gives 2; /m);
  assert.match(text.stdout, /^cluster:\n {2}marathon V_APP_FIELD app field \/web\/instances is 5 in Marathon, the build sends 2; /m);
  const json = await mesosgen('verify', BUILD, '--format', 'json');
  assert.equal(json.status, 1);
  const report = JSON.parse(json.stdout) as { drift: number; unreachable: number; findings: Array<Finding & { message: string }> };
  assert.equal(report.drift, 2);
  assert.deepEqual(report.findings[0], {
    host: 'm1', component: 'mesos-master', code: 'V_FLAG_VALUE', key: 'quorum', expected: '2', found: '1',
    message: 'flag quorum is 1 on the running daemon, the build gives 2; restart it or install the build again',
  });
  const markdown = await mesosgen('verify', BUILD, '--format', 'markdown');
  assert.equal(markdown.status, 1);
  assert.match(markdown.stdout, /^\| m1 \| mesos-master \| V_FLAG_VALUE \| `quorum` \| `2` \| `1` \|$/m);
});

test('an unreachable master is named (exit 3), and everything reachable is still checked', async () => {
  cluster.reset();
  // --hosts sends m3's requests to an address nothing listens on; the others go where --hosts says too.
  const hostsFile = join(work, 'hosts.txt');
  writeFileSync(hostsFile, `m3 ops@${NET}99\nm1 ${IPS.m1}\n`);
  cluster.world.agents.get(IPS.a2)!.flags.executor_registration_timeout = '1mins';
  const run = await mesosgen('verify', BUILD, '--hosts', hostsFile, '--timeout', '2', '--format', 'json');
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  const unreachable = report.findings.filter((f) => f.code === 'V_UNREACHABLE');
  assert.ok(unreachable.length >= 5 && unreachable.every((f) => f.host === 'm3' && f.key.includes(`${NET}99`)), run.stdout);
  assert.deepEqual(brief(report.findings.filter((f) => f.code !== 'V_UNREACHABLE')), ['a2 V_FLAG_VALUE executor_registration_timeout']);
  assert.equal(run.status, 1, 'drift outranks an unreachable endpoint');
  cluster.reset();
  const only = await mesosgen('verify', BUILD, '--hosts', hostsFile, '--timeout', '2');
  assert.equal(only.status, 3, only.stdout);
  assert.match(only.stdout, /check\(s\) could not be made/);
});

test('hostile answers give findings in bounded time, never an internal error', async () => {
  const cases: Array<['huge' | 'slow' | 'invalid' | 'deep', RegExp]> = [
    ['huge', /answered more than 4194304 bytes/],
    ['slow', /no complete answer within 1 s/],
    ['invalid', /not JSON/],
    ['deep', /nested deeper than 64 levels/],
  ];
  for (const [kind, reason] of cases) {
    cluster.reset();
    cluster.world.hostile.set(`${IPS.m1}:${ports.master}/flags`, kind);
    const started = Date.now();
    const report = await verifyCluster(options({ timeoutMs: 1000 }));
    assert.ok(Date.now() - started < 5000, `${kind}: took ${Date.now() - started} ms`);
    assert.equal(report.findings.length, 1, `${kind}: ${JSON.stringify(report.findings)}`);
    assert.match(report.findings[0].found, reason);
  }
  // Values with control characters and line breaks reach the report escaped, never raw.
  cluster.reset();
  slave(cluster.world, 'a1').hostname = 'evil\u001b[31m\nname\u2028';
  cluster.world.apps.set('/x\u001b', { id: '/x\u001b]0;pwned\u0007', cmd: 'true' });
  // A password someone put in a flag by hand is not shown either.
  cluster.world.masters.get(IPS.m2)!.flags.zk = `zk://mesos:hunter2@${IPS.m1}:${ports.zk}/mesos`;
  const run = await mesosgen('verify', BUILD);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /evil\\u001b\[31m\\nname\\u2028/);
  assert.match(run.stdout, /V_APP_EXTRA Marathon runs app \/x\\u001b\]0;pwned\\u0007,/);
  assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f\u2028]/);
  assert.match(run.stdout, /flag zk is zk:\/\/mesos:…@127/);
  assert.doesNotMatch(run.stdout, /hunter2/);
});

test('ZooKeeper conf, when the whitelist allows it, is compared with myid and clientPort', async () => {
  cluster.reset();
  cluster.world.zookeeper.get(IPS.m2)!.serverId = 7;
  const findings: Finding[] = [];
  const host = { name: 'm2', ip: IPS.m2, address: IPS.m2, roles: ['master' as const], ports: {}, zookeeper: { port: ports.zk, id: 2, allowsConf: true } };
  const at = { host: 'm2', component: 'zookeeper' as const, address: IPS.m2, port: ports.zk };
  const mode = await checkZookeeperMember({ timeoutMs: 2000, parallel: 1, add: (f) => void findings.push(f) }, at, host, 3);
  assert.equal(mode, 'follower');
  assert.deepEqual(brief(findings), ['m2 V_ZK_CONF serverId']);
  assert.equal(findings[0].expected, '2');
  assert.equal(findings[0].found, '7');
});

test('with authentication: the operator credentials and the build\'s Marathon secret are sent, never shown', async () => {
  await build('secure', true);
  await cluster.close();
  secure = await startStandInCluster(SECURE, ports.chronos);
  try {
    secure.world.mesosAuth = `Basic ${Buffer.from('ops:op-pw').toString('base64')}`;
    secure.world.frameworkAuth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
    const refused = await verifyCluster(options({ build: SECURE, components: new Set(['mesos-master']) }));
    assert.ok(refused.findings.length > 0 && refused.findings.every((f) => f.code === 'V_AUTH_REFUSED'), JSON.stringify(refused.findings));
    const credentials = join(work, 'operator');
    writeFileSync(credentials, 'ops:op-pw\n');
    const run = await mesosgen('verify', SECURE, '--mesos-credentials', credentials, '--format', 'json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(!run.stdout.includes(PASSWORD) && !run.stdout.includes('op-pw'));
    // The Marathon secret moved out of the build directory: --secrets DIR supplies it.
    const file = join(SECURE, 'hosts/m1/rootfs/etc/default/marathon');
    const kept = join(work, 'kept/m1/etc/default/marathon');
    mkdirSync(dirname(kept), { recursive: true });
    renameSync(file, kept);
    const missing = await mesosgen('verify', SECURE, '--mesos-credentials', credentials);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--secrets DIR/);
    const given = await mesosgen('verify', SECURE, '--mesos-credentials', credentials, '--secrets', join(work, 'kept'));
    assert.equal(given.status, 0, given.stdout + given.stderr);
    assert.ok(secure.requests.some((r) => r.includes('/v2/info (auth)')) && secure.requests.some((r) => r.includes('/v1/scheduler/jobs (auth)')));
    assert.ok(!readFileSync(join(SECURE, 'manifest.json'), 'utf8').includes(PASSWORD));
  } finally {
    await secure.close();
    cluster = await startStandInCluster(BUILD, ports.chronos);
  }
});

/** A copy of the build with `path` (under the build) rewritten and manifest.json agreeing, as an attacker would. */
function tamperedBuild(name: string, path: string, edit: (text: string) => string): string {
  const dir = join(work, name);
  cpSync(BUILD, dir, { recursive: true });
  const file = join(dir, path);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const manifestPath = join(dir, 'manifest.json');
  type Entries = Array<Record<string, unknown>>;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { hosts: Array<{ name: string; files: Entries }>; workloads: { files: Entries } };
  const [, host, rest] = /^hosts\/([^/]+)\/(.*)$/.exec(path) ?? [];
  const entries = host ? manifest.hosts.find((h) => h.name === host)!.files : manifest.workloads.files;
  const entry = entries.find((e) => e.path === (host ? rest : path.slice('cluster/'.length)))!;
  const bytes = readFileSync(file);
  Object.assign(entry, { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

test('inputs that are not what mesosgen writes are refused (exit 2) before anything is asked', async () => {
  cluster.reset();
  const before = cluster.requests.length;
  // An app id that would change the URL it is asked at.
  const app = tamperedBuild('bad-app', 'cluster/marathon/apps/web.json', (t) => t.replace('"/web"', '"/web?embed=x#"'));
  const badApp = await mesosgen('verify', app);
  assert.equal(badApp.status, 2);
  assert.match(badApp.stderr, /cluster\/marathon\/apps\/web\.json of the build is not an app mesosgen writes \(no valid id\)/);
  // A wrapper file with a command where a value goes.
  const env = tamperedBuild('bad-env', 'hosts/m1/rootfs/etc/default/mesos-master', (t) => `${t}PORT=$(touch /tmp/pwned)\n`);
  const badEnv = await mesosgen('verify', env);
  assert.equal(badEnv.status, 2);
  assert.match(badEnv.stderr, /etc\/default\/mesos-master of the build, line \d+: not an assignment mesosgen writes/);
  // Credentials: a control character, and a FIFO (never waited on); neither is echoed.
  const creds = join(work, 'bad-credentials');
  writeFileSync(creds, 'ops\u001b[2J:s3cr3t-value\n');
  const badCreds = await mesosgen('verify', BUILD, '--mesos-credentials', creds);
  assert.equal(badCreds.status, 2);
  assert.doesNotMatch(badCreds.stderr, /s3cr3t-value|\u001b/);
  const fifo = join(work, 'credentials-fifo');
  spawnSync('mkfifo', [fifo]);
  const fromFifo = await mesosgen('verify', BUILD, '--mesos-credentials', fifo);
  assert.equal(fromFifo.status, 2);
  assert.match(fromFifo.stderr, /not a regular file/);
  // A --hosts address that is more than an address.
  const hosts = join(work, 'bad-hosts');
  writeFileSync(hosts, 'm1 10.0.0.1;id\n');
  const badHosts = await mesosgen('verify', BUILD, '--hosts', hosts);
  assert.equal(badHosts.status, 2);
  assert.match(badHosts.stderr, /bad-hosts:1: "10\.0\.0\.1;id" is not \[user@\]address/);
  assert.equal(cluster.requests.length, before, 'nothing was asked');
});
