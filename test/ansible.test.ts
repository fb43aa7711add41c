// The Ansible executor of `mesosgen plan`, run for real by Debian's ansible-core against seven hosts
// that all live on this machine: ansible_connection=local, each host's install.sh with --root into a
// folder of its own, its staging folder apart. Stand-ins (Mesos, Marathon and Chronos cannot run
// here): the masters' and agents' HTTP endpoints and ZooKeeper's `srvr` are served by this test on
// loopback addresses (127.0.0.51-57), and deploy.sh is replaced by a script that records how it was
// called. Everything else (inventory, playbook, modules, install.sh, become through su) is real.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { BIN, REPO, freePorts, localRolloutVars, tempDir } from './helpers.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const skip = !has('ansible-playbook') && process.env.CI !== 'true' ? "Debian's ansible-core is not installed (CI installs it)" : false;

const MASTERS = ['master1', 'master2', 'master3'];
const AGENTS = ['agent1', 'agent2', 'agent3', 'agent4'];
const IP: Record<string, string> = Object.fromEntries([...MASTERS, ...AGENTS].map((h, i) => [h, `127.0.0.${51 + i}`]));
const LEADER = 'master2';
// Ports the kernel picks when the suite starts (free on every test address), so that another run
// or service holding a fixed port cannot stop this one.
let [ZK_PORT, MASTER_PORT, AGENT_PORT] = [0, 0, 0];

/** Listens, or rejects with the error (EADDRINUSE, ...) instead of leaving the suite hanging. */
function listen(server: Server | TcpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function spec(name: string, agents: string[]): object {
  const seed = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, any>;
  delete seed.$schema;
  seed.cluster.name = name;
  seed.cluster.loopback = 'allow';
  seed.hosts = [
    ...MASTERS.map((h, i) => ({ name: h, ip: IP[h], roles: ['master'], zookeeperId: i + 1 })),
    ...agents.map((h) => ({ name: h, ip: IP[h], roles: ['agent'] })),
  ];
  seed.zookeeper.clientPort = ZK_PORT;
  seed.mesos.master.port = MASTER_PORT;
  seed.mesos.agent.port = AGENT_PORT;
  // A changed app, so that the apps and jobs step runs.
  seed.apps[0].instances = agents.length;
  return seed;
}

/** What the stand-in endpoints answer; a host in `unhealthy` fails its /health. */
const unhealthy = new Set<string>();
let dir = '';
const servers: Server[] = [];

// A master's or agent's HTTP API, as far as the gates read it. An agent is listed by the master once
// install.sh has written its configuration into its root: registration follows the install.
function serveHttp(host: string): Promise<void> {
  const server = createHttpServer((req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/health') {
      res.writeHead(unhealthy.has(host) ? 503 : 200);
      return res.end();
    }
    if (req.url === '/metrics/snapshot') return json({ 'master/elected': host === LEADER ? 1 : 0 });
    if (req.url === '/master/redirect') {
      res.writeHead(307, { location: `//${IP[LEADER]}:${MASTER_PORT}` });
      return res.end();
    }
    if (req.url === '/master/slaves') {
      const installed = AGENTS.filter((a) => existsSync(join(dir, 'roots', a, 'etc/mesos-slave')));
      return json({ slaves: installed.map((a) => ({ pid: `slave(1)@${IP[a]}:${AGENT_PORT}` })) });
    }
    res.writeHead(404);
    res.end();
  });
  servers.push(server);
  return listen(server, MASTERS.includes(host) ? MASTER_PORT : AGENT_PORT, IP[host]);
}

// ZooKeeper's four-letter word `srvr`, as a 3.8 server answers it.
function serveZooKeeper(host: string): Promise<void> {
  const server = createTcpServer((socket) => {
    socket.once('data', (word) => socket.end(word.toString() === 'srvr' ? `Zookeeper version: 3.8.0\nMode: ${host === LEADER ? 'leader' : 'follower'}\n` : ''));
  });
  servers.push(server as unknown as Server);
  return listen(server, ZK_PORT, IP[host]);
}

interface Run {
  status: number | null;
  /** Per task (in run order): its name and the hosts it ran on (not skipped), with their results. */
  tasks: Array<{ name: string; hosts: Record<string, { changed?: boolean; skipped?: boolean; failed?: boolean; stdout?: string; msg?: string }> }>;
  output: string;
}

/** Runs the generated playbook; asynchronous, so that the stand-in servers of this process answer. */
function playbook(...args: string[]): Promise<Run> {
  const extra = { ...localRolloutVars(dir), mesosgen_gate_timeout: 2, mesosgen_deploy_credentials: 'marathon:s3cret' };
  const ansible = join(dir, 'out/cluster/ansible');
  const child = spawn('ansible-playbook', ['-i', 'inventory.yml', 'rollout.yml', '-e', JSON.stringify(extra), ...args], {
    cwd: ansible,
    env: {
      ...process.env,
      ANSIBLE_STDOUT_CALLBACK: 'json',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
      ANSIBLE_REMOTE_TEMP: join(dir, 'tmp'),
      ANSIBLE_RETRY_FILES_ENABLED: '0',
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => {
      const report = JSON.parse(out) as { plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Run['tasks'][number]['hosts'] }> }> };
      const tasks = report.plays.flatMap((p) => p.tasks.map((t) => ({ name: t.task.name, hosts: t.hosts })));
      resolve({ status, tasks, output: out + err });
    }),
  );
}

/** The hosts each "run install.sh" task ran on, in run order. */
function installs(run: Run): string[] {
  return run.tasks.filter((t) => /: run install\.sh$/i.test(t.name)).flatMap((t) => Object.entries(t.hosts).filter(([, r]) => !r.skipped).map(([h]) => h));
}

const rootOf = (host: string) => join(dir, 'roots', host);
const touched = (host: string) => existsSync(rootOf(host)) && readdirSync(rootOf(host)).length > 0;
const deployLog = () => (existsSync(join(dir, 'deploy.log')) ? readFileSync(join(dir, 'deploy.log'), 'utf8') : '');

describe('the generated Ansible playbook', { skip }, () => {
  before(async () => {
    dir = tempDir('mesosgen-ansible-');
    [ZK_PORT, MASTER_PORT, AGENT_PORT] = await freePorts(Object.values(IP), 3);
    writeFileSync(join(dir, 'old.json'), JSON.stringify(spec('before', AGENTS.slice(0, 3))));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(spec('after', AGENTS)));
    const plan = spawnSync(process.execPath, [BIN, 'plan', 'old.json', 'new.json', '--out', 'out', '--batch', '2'], { cwd: dir, encoding: 'utf8' });
    assert.equal(plan.status, 0, plan.stderr);
    // deploy.sh would talk to Marathon and Chronos (tested in deploy.test.ts): a stand-in records its
    // arguments, and the credentials file's mode and content.
    writeFileSync(
      join(dir, 'out/cluster/deploy.sh'),
      `#!/bin/bash\nlog='${join(dir, 'deploy.log')}'\nprintf 'args:%s\\n' "$*" >> "$log"\nif [[ $1 == ` +
      `--credentials || $2 == --credentials ]]; then f=\${@: -1}; [[ $1 == --credentials ]] && f=$2; ` +
      `printf 'credentials:%s %s\\n' "$(stat -c %a "$f")" "$(cat "$f")" >> "$log"; fi\n`,
    );
    chmodSync(join(dir, 'out/cluster/deploy.sh'), 0o755);
    for (const d of ['roots', 'staging', 'tmp']) mkdirSync(join(dir, d));
    for (const h of MASTERS) await Promise.all([serveHttp(h), serveZooKeeper(h)]);
    for (const h of AGENTS) await serveHttp(h);
  });
  after(() => {
    for (const s of servers) s.close();
  });

  test('passes ansible-playbook --syntax-check and, where Debian ships it, ansible-lint; tags select steps', () => {
    const cwd = join(dir, 'out/cluster/ansible');
    const syntax = spawnSync('ansible-playbook', ['-i', 'inventory.yml', 'rollout.yml', '--syntax-check'], { cwd, encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stdout + syntax.stderr);
    // Tags select steps: each tag's tasks are those of its steps only.
    const stepsTagged = (tag: string) => {
      const list = spawnSync('ansible-playbook', ['-i', 'inventory.yml', 'rollout.yml', '--list-tasks', '--tags', tag], { cwd, encoding: 'utf8' });
      assert.equal(list.status, 0, list.stderr);
      return [...new Set([...list.stdout.matchAll(/^ {6}Step (\d+): /gm)].map((m) => Number(m[1])))];
    };
    assert.deepEqual(stepsTagged('masters'), [1, 2, 3, 4]);
    assert.deepEqual(stepsTagged('agents'), [5, 6]);
    assert.deepEqual(stepsTagged('workloads'), [7]);
    if (!has('ansible-lint') && process.env.CI !== 'true') return;
    const lint = spawnSync('ansible-lint', ['--nocolor', '--offline', 'rollout.yml', 'inventory.yml'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, HOME: join(dir, 'tmp') },
    });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  });

  test('check mode runs install.sh --dry-run and deploy.sh --dry-run, skips the gates and changes nothing', async () => {
    const run = await playbook('--check');
    assert.equal(run.status, 0, run.output);
    assert.deepEqual(installs(run), ['master1', 'master3', 'master2', 'agent1', 'agent2', 'agent3', 'agent4']);
    for (const t of run.tasks.filter((t) => /: run install\.sh$/i.test(t.name))) {
      for (const r of Object.values(t.hosts).filter((r) => !r.skipped)) assert.match(r.stdout ?? '', /dry run/i);
    }
    const gates = run.tasks.filter((t) => /: wait /i.test(t.name));
    assert.ok(gates.length >= 5, 'the gates are reported');
    for (const t of gates) assert.ok(Object.values(t.hosts).every((r) => r.skipped), t.name);
    for (const host of [...MASTERS, ...AGENTS]) assert.equal(touched(host), false, `${host} was changed in check mode`);
    assert.equal(existsSync(join(dir, 'out/cluster/ansible/.master-order')), false);
    assert.match(deployLog(), /^args:--dry-run --credentials /m);
    writeFileSync(join(dir, 'deploy.log'), '');
  });

  test('a failed master gate stops the run: no later host is touched; --start-at-task resumes and the leader goes last', async () => {
    unhealthy.add('master3');
    const failed = await playbook();
    assert.notEqual(failed.status, 0);
    assert.match(failed.output, /Step 3 failed on master3; fix it, then resume: ansible-playbook -i inventory\.yml rollout\.yml --start-at-task 'Step 3: \*'/);
    // The non-leaders first, in inventory order, the leader (master2) last; master3's gate failed.
    assert.deepEqual(installs(failed), ['master1', 'master3']);
    assert.equal(readFileSync(join(dir, 'out/cluster/ansible/.master-order'), 'utf8'), 'master1 master3 master2\n');
    assert.ok(touched('master1') && touched('master3'));
    for (const host of ['master2', ...AGENTS]) assert.equal(touched(host), false, `${host} was changed after the failed step`);
    assert.equal(deployLog(), '');

    unhealthy.delete('master3');
    const resumed = await playbook('--start-at-task', 'Step 3: *');
    assert.equal(resumed.status, 0, resumed.output);
    assert.deepEqual(installs(resumed), ['master3', 'master2', 'agent1', 'agent2', 'agent3', 'agent4']);
    for (const host of [...MASTERS, ...AGENTS]) assert.ok(existsSync(join(rootOf(host), 'etc/mesosgen/hosts')), host);
    // deploy.sh ran once, on the control node, with the credentials in a private file, since removed.
    const log = deployLog().trim().split('\n');
    assert.equal(log.length, 2, deployLog());
    assert.match(log[0], /^args:--credentials (\S+)$/);
    assert.equal(log[1], 'credentials:600 marathon:s3cret');
    assert.equal(existsSync(log[0].split(' ')[1]), false);
    assert.doesNotMatch(resumed.output, /s3cret/);
    writeFileSync(join(dir, 'deploy.log'), '');
  });

  test('a failed agent stops the run before the next step; --limit resumes it', async () => {
    unhealthy.add('agent4');
    const failed = await playbook();
    assert.notEqual(failed.status, 0);
    assert.match(failed.output, /Step 6 failed on agent4/);
    // Re-running is safe: install.sh changes nothing on hosts already up to date.
    const changed = failed.tasks
      .filter((t) => /: run install\.sh$/i.test(t.name))
      .flatMap((t) =>
        Object.entries(t.hosts)
          .filter(([, r]) => r.changed)
          .map(([h]) => h),
      );
    assert.deepEqual(changed, []);
    assert.equal(deployLog(), '', 'the apps and jobs step did not start');

    unhealthy.delete('agent4');
    const resumed = await playbook('--limit', 'agent4,localhost');
    assert.equal(resumed.status, 0, resumed.output);
    assert.deepEqual(installs(resumed), ['agent4']);
    assert.match(deployLog(), /^args:--credentials /);
  });

  test('has the same steps, in the same order and on the same hosts, as rollout.sh', () => {
    const script = readFileSync(join(dir, 'out/cluster/rollout.sh'), 'utf8');
    const block = script.slice(script.indexOf('readonly STEPS=(') + 'readonly STEPS=('.length, script.indexOf(')', script.indexOf('readonly STEPS=(')));
    const fromScript = block.trim().split('\n').map((l) => l.trim().replace(/^'|'$/g, '').split(' '));
    const inventory = parse(readFileSync(join(dir, 'out/cluster/ansible/inventory.yml'), 'utf8')) as {
      all: { children: Record<string, { hosts: Record<string, unknown> }> };
    };
    const plays = parse(readFileSync(join(dir, 'out/cluster/ansible/rollout.yml'), 'utf8')) as Array<{ name: string; hosts: string; tags: string[] }>;
    const tagOf: Record<string, string> = { order: 'masters', master: 'masters', remove: 'masters', agents: 'agents', frameworks: 'workloads' };
    const fromPlaybook = plays.filter((p) => p.name.startsWith('Step ')).map((p) => {
      const number = /^Step (\d+): /.exec(p.name)![1];
      const hosts = p.hosts === 'localhost' ? '-' : Object.keys(inventory.all.children[p.hosts].hosts).join(',');
      return [number, p.tags[0], hosts];
    });
    assert.deepEqual(fromPlaybook, fromScript.map(([n, kind, hosts]) => [n, tagOf[kind], hosts]));
    assert.equal(fromScript.length, 7);
  });

  test('each host is verified against the build it runs: drift stops its step unless mesosgen_allow_drift; --tags verify reports the fleet', async () => {
    // Every host ran a whole install.sh above: each has its recorded script under its root.
    writeFileSync(join(rootOf('agent1'), 'etc/mesos/zk'), 'zk://10.9.9.9:2181/mesos\n');
    const report = await playbook('--tags', 'verify');
    assert.notEqual(report.status, 0);
    const compared = report.tasks.find((t) => t.name === 'mesosgen : Compare the host with the build it runs (install.sh --verify)')!;
    assert.deepEqual(Object.keys(compared.hosts).sort(), [...MASTERS, ...AGENTS].sort());
    const stopped = report.tasks.find((t) => t.name === 'mesosgen : Stop on drift, which updating the host would overwrite')!;
    const failed = Object.entries(stopped.hosts).filter(([, r]) => r.failed);
    assert.deepEqual(failed.map(([h]) => h), ['agent1']);
    assert.match(failed[0][1].msg ?? '', /agent1 differs from the build it runs, .*drift D_FILE_CONTENT \/etc\/mesos\/zk: expected sha256/);
    assert.equal(installs(report).length, 0, '--tags verify installs nothing');

    // The rollout stops at agent1's step before touching it; allowed, it overwrites the edit.
    const blocked = await playbook('--start-at-task', 'Step 5: *');
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.output, /Step 5 failed on agent1/);
    assert.equal(readFileSync(join(rootOf('agent1'), 'etc/mesos/zk'), 'utf8'), 'zk://10.9.9.9:2181/mesos\n');
    const allowed = await playbook('--start-at-task', 'Step 5: *', '-e', 'mesosgen_allow_drift=true');
    assert.equal(allowed.status, 0, allowed.output);
    assert.notEqual(readFileSync(join(rootOf('agent1'), 'etc/mesos/zk'), 'utf8'), 'zk://10.9.9.9:2181/mesos\n');
    writeFileSync(join(dir, 'deploy.log'), '');
  });
});

/** Each host's variables: given once, under its first group (the others only name it). */
function hostVars(inventoryText: string): Record<string, Record<string, unknown>> {
  const inventory = parse(inventoryText) as { all: { children: Record<string, { hosts: Record<string, Record<string, unknown> | null> }> } };
  const vars: Record<string, Record<string, unknown>> = {};
  for (const group of Object.values(inventory.all.children)) for (const [name, v] of Object.entries(group.hosts)) if (v) vars[name] = v;
  return vars;
}

/** Plans the seed example changed by `change` in a fresh folder, with more plan arguments; returns the folder and the run. */
function planSeed(change: (s: Record<string, any>) => void, ...args: string[]) {
  const work = tempDir('mesosgen-ansible-plan-');
  const seed = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, any>;
  delete seed.$schema;
  writeFileSync(join(work, 'old.json'), JSON.stringify(seed));
  change(seed);
  writeFileSync(join(work, 'new.json'), JSON.stringify(seed));
  const run = spawnSync(process.execPath, [BIN, 'plan', 'old.json', 'new.json', '--out', 'out', ...args], { cwd: work, encoding: 'utf8' });
  return { work, run, read: (path: string) => readFileSync(join(work, 'out', path), 'utf8') };
}

// Removing an agent and adding a master: the plays that the run above does not reach.
test('the removal and new-master plays pass --syntax-check and ansible-lint', { skip }, () => {
  const { work, run } = planSeed((s) => {
    s.hosts = s.hosts.filter((h: { name: string }) => h.name !== 'compute2');
    s.hosts.push({ name: 'master3', ip: '192.168.1.150', roles: ['master'], zookeeperId: 3 });
  });
  assert.equal(run.status, 0, run.stderr);
  const cwd = join(work, 'out/cluster/ansible');
  const plays = parse(readFileSync(join(cwd, 'rollout.yml'), 'utf8')) as Array<{ name: string; hosts: string }>;
  assert.ok(plays.some((p) => /^Step \d+: new master master3$/.test(p.name)));
  assert.ok(plays.some((p) => /^Step \d+: stop and disable every mesosgen unit on the removed host\(s\) compute2$/.test(p.name)));
  const inventory = parse(readFileSync(join(cwd, 'inventory.yml'), 'utf8')) as {
    all: { children: Record<string, { hosts: Record<string, Record<string, unknown>> }> };
  };
  assert.deepEqual(inventory.all.children.removed.hosts.compute2.mesosgen_units, ['docker.service', 'mesos-slave.service']);
  const syntax = spawnSync('ansible-playbook', ['-i', 'inventory.yml', 'rollout.yml', '--syntax-check'], { cwd, encoding: 'utf8' });
  assert.equal(syntax.status, 0, syntax.stdout + syntax.stderr);
  if (!has('ansible-lint') && process.env.CI !== 'true') return;
  const lint = spawnSync('ansible-lint', ['--nocolor', '--offline', 'rollout.yml', 'inventory.yml'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: work },
  });
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
});

test('the inventory carries what manifest.json says of each tarball, and cluster.tar.gz and SHA256SUMS cover it', () => {
  const { work, run, read } = planSeed((s) => s.hosts.push({ name: 'compute3', ip: '192.168.1.144', roles: ['agent'] }));
  assert.equal(run.status, 0, run.stderr);
  const manifest = JSON.parse(read('manifest.json')) as {
    hosts: Array<{ name: string; tarball: { path: string; sha256: string } }>;
    workloads: { files: Array<{ path: string }> };
  };
  const text = read('cluster/ansible/inventory.yml');
  const vars = hostVars(text);
  assert.deepEqual(Object.keys(vars).sort(), manifest.hosts.map((h) => h.name).sort());
  for (const host of manifest.hosts) {
    assert.equal(`tarballs/${String(vars[host.name].mesosgen_tarball_name)}`, host.tarball.path, host.name);
    assert.equal(vars[host.name].mesosgen_tarball_sha256, host.tarball.sha256, host.name);
  }
  const inventory = parse(text) as { all: { children: Record<string, { hosts: object }> } };
  assert.deepEqual(Object.keys(inventory.all.children.mesosgen_step_1.hosts), ['compute3']);
  assert.ok(manifest.workloads.files.some((f) => f.path === 'ansible/inventory.yml'));
  const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: join(work, 'out'), encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /^cluster\/ansible\/inventory\.yml: OK$/m);
  const listing = spawnSync('tar', ['-tzf', join(work, 'out/tarballs/cluster.tar.gz')], { encoding: 'utf8' }).stdout;
  assert.match(listing, /^cluster\/ansible\/inventory\.yml$/m);
  assert.match(listing, /^cluster\/ansible\/rollout\.yml$/m);
});

test('plan --hosts sets how Ansible reaches each host; a wrong line is a usage error naming it', () => {
  const hostsFile = tempDir('mesosgen-ansible-hosts-');
  writeFileSync(join(hostsFile, 'ok.txt'), '# host target\nmaster1 admin@m1.example.net\n\ncompute1 10.9.0.12\n');
  const { run, read } = planSeed((s) => (s.cluster.name = 'renamed'), '--hosts', join(hostsFile, 'ok.txt'));
  assert.equal(run.status, 0, run.stderr);
  const hosts = hostVars(read('cluster/ansible/inventory.yml'));
  assert.equal(hosts.master1.ansible_host, 'm1.example.net');
  assert.equal(hosts.master1.ansible_user, 'admin');
  assert.equal(hosts.master1.mesosgen_ip, '192.168.1.140', 'gates still probe the spec address');
  assert.equal(hosts.compute1.ansible_host, '10.9.0.12');
  assert.equal(hosts.master2.ansible_host, '192.168.1.141');
  for (const [line, message] of [
    ['nosuch 10.0.0.1', /--hosts .*bad\.txt:1: no host "nosuch" in the spec/],
    ['master1 {{ lookup("pipe", "id") }}', /bad\.txt:1: expected "<host> <ssh target>"/],
    ['master1 a@{{x}}', /bad\.txt:1: "a@\{\{x\}\}" is not \[user@\]address/],
    ['master1 10.0.0.1\nmaster1 10.0.0.2', /bad\.txt:2: host master1 is listed twice/],
  ] as const) {
    writeFileSync(join(hostsFile, 'bad.txt'), line + '\n');
    const bad = planSeed((s) => (s.cluster.name = 'renamed'), '--hosts', join(hostsFile, 'bad.txt'));
    assert.equal(bad.run.status, 2, bad.run.stderr);
    assert.match(bad.run.stderr, message);
    assert.equal(existsSync(join(bad.work, 'out')), false, 'nothing is written');
  }
  // The file is untrusted input: a FIFO never blocks the plan, an oversized file is refused unread.
  spawnSync('mkfifo', [join(hostsFile, 'fifo')]);
  writeFileSync(join(hostsFile, 'huge.txt'), 'x'.repeat(2 * 1024 * 1024));
  for (const [file, message] of [['fifo', /--hosts .*fifo: a FIFO, not a regular file/], ['huge.txt', /--hosts .*huge\.txt: larger than 1 MiB/]] as const) {
    const bad = planSeed((s) => (s.cluster.name = 'renamed'), '--hosts', join(hostsFile, file));
    assert.equal(bad.run.status, 2, bad.run.stderr);
    assert.match(bad.run.stderr, message);
  }
});

test('plan --agent-failures sets the agent steps\' max_fail_percentage; masters never tolerate one', () => {
  const { run, read } = planSeed((s) => (s.cluster.name = 'renamed'), '--agent-failures', '20');
  assert.equal(run.status, 0, run.stderr);
  const plays = parse(read('cluster/ansible/rollout.yml')) as Array<{ name: string; tags: string[]; max_fail_percentage?: number; any_errors_fatal?: boolean }>;
  for (const play of plays.filter((p) => p.tags.includes('agents'))) assert.equal(play.max_fail_percentage, 20);
  for (const play of plays.filter((p) => p.tags.includes('masters'))) assert.deepEqual([play.max_fail_percentage, play.any_errors_fatal], [0, true]);
  const bad = planSeed((s) => (s.cluster.name = 'renamed'), '--agent-failures', '101');
  assert.equal(bad.run.status, 2);
  assert.match(bad.run.stderr, /--agent-failures needs a whole percentage from 0 to 100/);
});

// Ansible reads YAML with PyYAML: the generated files must mean the same there as in the JS library.
const pyyaml = spawnSync('/usr/bin/python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
test(
  'inventory.yml and rollout.yml parse to the same data under PyYAML as under the JS yaml library',
  { skip: !pyyaml && process.env.CI !== 'true' ? "Debian's python3-yaml is not installed (CI installs it)" : false },
  () => {
    const { work, run } = planSeed((s) => {
      s.cluster.name = 'yes';
      s.hosts.push({ name: 'null', ip: '192.168.1.144', roles: ['agent'] }, { name: 'on', ip: '192.168.1.145', roles: ['agent'] });
    });
    assert.equal(run.status, 0, run.stderr);
    const files = ['inventory.yml', 'rollout.yml'].map((f) => join(work, 'out/cluster/ansible', f));
    const script = 'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(open(f, encoding="utf-8")) for f in sys.argv[1:]]))';
    const python = spawnSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' });
    assert.equal(python.status, 0, python.stderr);
    const fromPython = JSON.parse(python.stdout) as unknown[];
    files.forEach((file, i) => assert.deepEqual(fromPython[i], parse(readFileSync(file, 'utf8')), file));
    // Host names YAML 1.1 reads as booleans or null stay names.
    assert.ok('null' in (fromPython[0] as { all: { children: { agents: { hosts: object } } } }).all.children.agents.hosts);
  },
);
