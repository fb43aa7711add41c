// Agents drained before a change that makes them register anew, by rollout.sh, against a stand-in
// leading master (test/stand-in-master.ts: the operator API's documented shapes; Mesos cannot run
// here) and stand-in agents' /health on loopback. The ssh stand-in (test/shims/ssh) runs the drain and
// gate scripts here (SHIM_RUN_CHECKS) and only logs the other remote commands.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, REPO, freePorts, localRolloutVars, tempDir } from './helpers.js';
import { startStandInMaster, type StandInMaster } from './stand-in-master.js';

const MASTER = '127.0.0.71';
const AGENTS = { agent1: '127.0.0.72', agent2: '127.0.0.73' };
let [MASTER_PORT, AGENT_PORT] = [0, 0];
const agentServers: Server[] = [];

before(async () => {
  [MASTER_PORT] = await freePorts([MASTER], 1);
  [AGENT_PORT] = await freePorts(Object.values(AGENTS), 1);
  for (const ip of Object.values(AGENTS)) {
    const s = createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end());
    await new Promise<void>((r) => s.listen(AGENT_PORT, ip, () => r()));
    agentServers.push(s);
  }
});
after(() => agentServers.forEach((s) => s.close()));

function spec(auth: boolean, agent1Cpus: number, timeout: string, workDir: string): string {
  return JSON.stringify({
    apiVersion: 'mesosgen/v1',
    cluster: { name: 'drain', loopback: 'allow' },
    hosts: [
      { name: 'master1', ip: MASTER, roles: ['master'], zookeeperId: 1 },
      { name: 'agent1', ip: AGENTS.agent1, roles: ['agent'], resources: { cpus: agent1Cpus, mem: 1024 } },
      { name: 'agent2', ip: AGENTS.agent2, roles: ['agent'] },
    ],
    mesos: {
      master: { port: MASTER_PORT, ...(auth ? { flags: { authenticate_http_readwrite: true } } : {}) },
      agent: { port: AGENT_PORT, workDir, executorRegistrationTimeout: timeout },
    },
  });
}

/** OLD and NEW (agent1's cpus and every agent's executor timeout change), planned into out/. */
function planned(auth: boolean, workDir = '/var/lib/mesos agent'): string {
  const dir = tempDir('mesosgen-drain-');
  writeFileSync(join(dir, 'old.json'), spec(auth, 2, '5mins', workDir.replace('@DIR@', dir)));
  writeFileSync(join(dir, 'new.json'), spec(auth, 4, '10mins', workDir.replace('@DIR@', dir)));
  const run = spawnSync(process.execPath, [BIN, 'plan', 'old.json', 'new.json', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  writeFileSync(join(dir, 'hosts.txt'), ['master1', 'agent1', 'agent2'].map((h) => `${h} admin@${h}`).join('\n') + '\n');
  return dir;
}

/** Runs rollout.sh; asynchronous, so that the stand-in servers of this process answer. */
function rollout(dir: string, ...args: string[]): Promise<{ status: number | null; out: string; log: string[] }> {
  const child = spawn('bash', [join(dir, 'out/cluster/rollout.sh'), '--hosts', join(dir, 'hosts.txt'), '--timeout', '3', '--drain-grace', '1', ...args], {
    env: { ...process.env, PATH: `${join(REPO, 'test/shims')}:${process.env.PATH}`, SHIM_LOG: join(dir, 'ssh.log'), SHIM_RUN_CHECKS: '1' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => {
      let log: string[] = [];
      try {
        log = readFileSync(join(dir, 'ssh.log'), 'utf8').trim().split('\n');
      } catch {
        // Nothing ran remotely.
      }
      resolve({ status, out, log });
    }),
  );
}

const agents = () => [
  { hostname: 'agent1', ip: AGENTS.agent1, port: AGENT_PORT, id: 'a1-S0' },
  { hostname: 'agent2', ip: AGENTS.agent2, port: AGENT_PORT, id: 'a2-S0' },
];

async function withMaster<T>(drainPolls: number, body: (m: StandInMaster) => Promise<T>, requireAuth?: string, location?: string): Promise<T> {
  const master = await startStandInMaster(MASTER, MASTER_PORT, agents(), drainPolls, requireAuth, location);
  try {
    return await body(master);
  } finally {
    await master.close();
  }
}

test('rollout.sh drains exactly the agent whose info changes, removes its checkpointed info, and sees it register anew', async () => {
  const dir = planned(false);
  const md = readFileSync(join(dir, 'out/cluster/rollout.md'), 'utf8');
  assert.match(md, /\| agent 1 of 2, draining agent1 first \| agent1 \| drain agent1 through the leading master/);
  assert.match(md, /R_AGENT_INFO_CHANGED/);
  await withMaster(2, async (master) => {
    const run = await rollout(dir);
    assert.equal(run.status, 0, run.out);
    const drains = master.calls.filter((c) => c.body.type === 'DRAIN_AGENT').map((c) => c.body.drain_agent);
    assert.deepEqual(drains, [{ agent_id: { value: 'a1-S0' }, max_grace_period: { nanoseconds: 1_000_000_000 }, mark_gone: true }]);
    // Drained, stopped and its checkpointed info removed (the path quoted for the remote shell) before install.sh runs.
    const agent1 = run.log.filter((c) => c.startsWith('admin@agent1 ')).map((c) => c.replace(/ \(.*\)$/, '').slice('admin@agent1 '.length));
    const stop = agent1.indexOf('sudo systemctl stop mesos-slave.service');
    const remove = agent1.indexOf('sudo rm -f -- /var/lib/mesos\\ agent/meta/slaves/latest');
    const install = agent1.findIndex((c) => c.includes('tar -xzf'));
    assert.ok(stop >= 0 && remove > stop && install > remove, agent1.join('\n'));
    assert.ok(run.log.some((c) => c.startsWith('admin@agent1 bash -s (gate_drained_agent ') && c.includes(' a1-S0 ')), run.log.join('\n'));
    // agent2's change (the executor timeout) keeps its agent info: updated, never drained or stopped.
    assert.ok(run.log.some((c) => c.startsWith('admin@agent2 ') && c.includes('tar -xzf')));
    assert.ok(!run.log.some((c) => c.startsWith('admin@agent2 ') && /drain_agent|systemctl stop|meta\/slaves/.test(c)), run.log.join('\n'));
    assert.equal(master.agents[0].id, 'a1-S1', 'agent1 registered anew');
  });
});

test('a drain that never completes stops the rollout, naming the agent, before any agent of the step is updated', async () => {
  const dir = planned(false);
  await withMaster(Infinity, async () => {
    const run = await rollout(dir);
    assert.equal(run.status, 1, run.out);
    assert.match(run.out, /step 1: agent agent1 was not drained within 4s, so it was not updated; .* --from 1/);
    assert.ok(!run.log.some((c) => c.includes('tar -xzf') || c.includes('systemctl stop')), run.log.join('\n'));
  });
});

test('with HTTP authentication on the masters, the drain needs --mesos-credentials and sends them, never printed', async () => {
  const dir = planned(true);
  const refused = await rollout(dir);
  assert.equal(refused.status, 2, refused.out);
  assert.match(refused.out, /give --mesos-credentials FILE/);
  writeFileSync(join(dir, 'mesos.cred'), 'rollout:t0p-s3cret\n');
  const expected = `Basic ${Buffer.from('rollout:t0p-s3cret').toString('base64')}`;
  // Every request to the master (the redirect, the operator API, the registration gate) must carry them.
  await withMaster(1, async (master) => {
    const run = await rollout(dir, '--mesos-credentials', join(dir, 'mesos.cred'));
    assert.equal(run.status, 0, run.out);
    assert.ok(master.calls.length > 0 && master.calls.every((c) => c.authorization === expected));
    assert.doesNotMatch(run.out + run.log.join('\n'), /t0p-s3cret|cm9sbG91dDp0MHAtczNjcmV0/);
  }, expected);
});

// The same drain by the Ansible playbook (Debian's ansible-core, ansible_connection=local, install.sh
// with --root): the uri module against the stand-in master, the systemd module against the systemctl
// stand-in (test/shims/systemctl: no systemd runs here), the checkpointed info a real file.
const hasAnsible = spawnSync('sh', ['-c', 'command -v ansible-playbook']).status === 0;
test(
  'the Ansible rollout drains the same agent, stops it, removes its checkpointed info and sees it register anew',
  { skip: !hasAnsible && process.env.CI !== 'true' ? "Debian's ansible-core is not installed (CI installs it)" : false },
  async () => {
    const dir = planned(false, '@DIR@/agent work');
    const latest = join(dir, 'agent work/meta/slaves/latest');
    mkdirSync(dirname(latest), { recursive: true });
    symlinkSync('a1-S0', latest);
    const state = tempDir('mesosgen-drain-units-');
    writeFileSync(join(state, 'mesos-slave.service.active'), '');
    // The masters ask for HTTP credentials here: every request of the role to them must carry them.
    const credentials = { mesosgen_mesos_principal: 'rollout', mesosgen_mesos_secret: 't0p-s3cret' };
    const extra = { ...localRolloutVars(dir), mesosgen_gate_timeout: 3, mesosgen_drain_grace: 1, ...credentials };
    await withMaster(2, async (master) => {
      const { status, out } = await ansibleRollout(dir, extra, state);
      assert.equal(status, 0, out);
      const drains = master.calls.filter((c) => c.body.type === 'DRAIN_AGENT').map((c) => c.body.drain_agent);
      assert.deepEqual(drains, [{ agent_id: { value: 'a1-S0' }, max_grace_period: { nanoseconds: 1_000_000_000 }, mark_gone: true }]);
      assert.equal(readFileSync(join(state, 'calls'), 'utf8'), 'stop mesos-slave.service\n', 'mesos-slave stopped once, on agent1');
      assert.ok(!existsSync(latest), 'the checkpointed info is removed');
      assert.equal(master.agents[0].id, 'a1-S1', 'agent1 registered anew');
      assert.match(out, /Wait until the drained agent registered anew, under a new agent id[^\n]*\n(ok|changed): \[agent1\]/);
      assert.doesNotMatch(out, /t0p-s3cret/);
    }, `Basic ${Buffer.from('rollout:t0p-s3cret').toString('base64')}`);
  },
);

/** Runs the generated playbook with `extra` variables and the shims on PATH; asynchronous, so the stand-in master answers. */
function ansibleRollout(dir: string, extra: Record<string, unknown>, state: string): Promise<{ status: number | null; out: string }> {
  const child = spawn('ansible-playbook', ['-i', 'inventory.yml', 'rollout.yml', '-e', JSON.stringify(extra)], {
    cwd: join(dir, 'out/cluster/ansible'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${join(REPO, 'test/shims')}:${process.env.PATH}`,
      SHIM_STATE: state,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
      ANSIBLE_REMOTE_TEMP: join(dir, 'tmp'),
      ANSIBLE_RETRY_FILES_ENABLED: '0',
    },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, out })));
}

test(
  "the Ansible drain refuses a leading master's address that is not a host:port before it goes into a URL",
  { skip: !hasAnsible && process.env.CI !== 'true' ? "Debian's ansible-core is not installed (CI installs it)" : false },
  async () => {
    const dir = planned(false, '@DIR@/agent work');
    const state = tempDir('mesosgen-drain-units-');
    writeFileSync(join(state, 'mesos-slave.service.active'), '');
    const extra = { ...localRolloutVars(dir), mesosgen_gate_timeout: 3, mesosgen_drain_grace: 1 };
    await withMaster(
      2,
      async (master) => {
        const { status, out } = await ansibleRollout(dir, extra, state);
        assert.notEqual(status, 0);
        assert.match(out, /the masters named no leading master, or one oddly/);
        assert.deepEqual(master.calls, [], 'no operator API call was made');
      },
      undefined,
      // What the uri module would join into a URL whose host is evil.example.
      '//10.0.0.1:5050@evil.example',
    );
  },
);
