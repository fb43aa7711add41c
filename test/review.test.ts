// `mesosgen diff` and `mesosgen plan` on the review cases: each is a change to the seed example.
// The diff output, exit code, rollout.md and ansible/rollout.yml are golden files under test/review/<case>/
// (UPDATE_GOLDEN=1 rewrites them). rollout.sh runs against an ssh stand-in (test/shims/ssh) that
// logs every command and can be told to fail one, since no remote hosts exist here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { BIN, REPO, UPDATING, listFiles, tempDir } from './helpers.js';
import { mermaidBlocks, parseFlowchart } from './mermaid.js';

type Spec = Record<string, unknown> & { cluster: { name: string }; hosts: Array<Record<string, unknown>>; jobs: unknown[] };
const seed = (): Spec => JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Spec;

const CASES: Record<string, (s: Spec) => void> = {
  'add-agent': (s) => void s.hosts.push({ name: 'compute3', ip: '192.168.1.144', roles: ['agent'] }),
  'cluster-name': (s) => void (s.cluster.name = 'MesosPaco2'),
  'two-to-three-masters': (s) => void s.hosts.push({ name: 'master3', ip: '192.168.1.150', roles: ['master'], zookeeperId: 3 }),
  'renumber-zookeeper': (s) => void (s.hosts[1].zookeeperId = 7),
  'remove-agent': (s) => void (s.hosts = s.hosts.filter((h) => h.name !== 'compute2')),
  'identical': () => undefined,
  'add-agent-and-app': (s) => {
    s.hosts.push({ name: 'compute3', ip: '192.168.1.144', roles: ['agent'] });
    (s.apps as Array<{ instances: number }>)[0].instances = 3;
  },
  // Touches every host (the cluster name is in each one's files), adds an agent and changes an app.
  'rename-add-agent-and-app': (s) => {
    s.cluster.name = 'MesosPaco2';
    s.hosts.push({ name: 'compute3', ip: '192.168.1.144', roles: ['agent'] });
    (s.apps as Array<{ instances: number }>)[0].instances = 3;
  },
};

/** Writes old.json (the seed) and new.json (the seed changed by the case) into a fresh directory. */
function setUp(name: string): string {
  const dir = tempDir('mesosgen-review-');
  writeFileSync(join(dir, 'old.json'), JSON.stringify(seed(), null, 2));
  const next = seed();
  CASES[name](next);
  writeFileSync(join(dir, 'new.json'), JSON.stringify(next, null, 2));
  return dir;
}

function mesosgen(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function golden(name: string, file: string, actual: string): void {
  const path = join(REPO, 'test/review', name, file);
  if (UPDATING) {
    mkdirSync(join(REPO, 'test/review', name), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (UPDATE_GOLDEN=1 to accept)`);
}

describe('mesosgen diff', () => {
  for (const name of Object.keys(CASES)) {
    test(name, () => {
      const dir = setUp(name);
      const run = mesosgen(dir, 'diff', 'old.json', 'new.json');
      golden(name, 'diff.txt', `exit ${run.status}\n${run.stdout}${run.stderr}`);
    });
  }

  test('identical specs: exit 0 and no output', () => {
    const run = mesosgen(setUp('identical'), 'diff', 'old.json', 'new.json');
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
  });

  test('a spec against the build of the same spec shows no change; against a changed spec the same diff as spec to spec', () => {
    const dir = setUp('add-agent');
    assert.equal(mesosgen(dir, 'build', 'old.json', '--out', 'built').status, 0);
    assert.deepEqual(mesosgen(dir, 'diff', 'built', 'old.json').status, 0);
    const fromBuild = mesosgen(dir, 'diff', 'built', 'new.json');
    const fromSpec = mesosgen(dir, 'diff', 'old.json', 'new.json');
    assert.equal(fromBuild.status, 1);
    assert.equal(fromBuild.stdout.replace('built ->', 'old.json ->'), fromSpec.stdout);
  });

  test('--stat prints the summary only; --format json is a report', () => {
    const dir = setUp('add-agent');
    const stat = mesosgen(dir, 'diff', 'old.json', 'new.json', '--stat');
    assert.match(stat.stdout, /compute3 +\+\d+ \(new host\) +install: docker, mesos-slave/);
    assert.doesNotMatch(stat.stdout, /^@@/m);
    const json = JSON.parse(mesosgen(dir, 'diff', 'old.json', 'new.json', '--format', 'json').stdout) as {
      hosts: Array<{ name: string; status: string; restart: string[] }>;
    };
    assert.deepEqual(
      json.hosts.find((h) => h.name === 'compute3'),
      { ...json.hosts.find((h) => h.name === 'compute3'), status: 'added', restart: ['docker.service', 'mesos-slave.service'] },
    );
    // The default /etc/hosts block lists only what each host must resolve: no other host changes.
    assert.deepEqual(json.hosts.map((h) => h.name), ['compute3']);
  });

  test('a renumbered ZooKeeper member is refused (exit 3) unless --allow-renumber', () => {
    const dir = setUp('renumber-zookeeper');
    assert.equal(mesosgen(dir, 'diff', 'old.json', 'new.json').status, 3);
    const allowed = mesosgen(dir, 'diff', 'old.json', 'new.json', '--allow-renumber');
    assert.equal(allowed.status, 1);
    assert.match(allowed.stdout, /warning R_ZKID_RENUMBERED master2/);
  });

  test('a secret file (mode 0600) is reported as changed, never shown', () => {
    // Two builds of the secure case that differ only in one secret's value.
    const dir = tempDir('mesosgen-review-secret-');
    cpSync(join(REPO, 'test/golden/secure'), dir, { recursive: true, filter: (p) => !p.includes('/expected') });
    assert.equal(mesosgen(dir, 'build', 'spec.json', '--out', 'a').status, 0);
    writeFileSync(join(dir, 'secrets/agent.txt'), 'new-secret-value\n');
    assert.equal(mesosgen(dir, 'build', 'spec.json', '--out', 'b').status, 0);
    const run = mesosgen(dir, 'diff', 'a', 'b');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /R_SECRET_CHANGED compute1/);
    assert.match(run.stdout, /changed: compute1\/rootfs\/etc\/mesos\/agent-credential \(secret, not shown\)/);
    assert.doesNotMatch(run.stdout, /new-secret-value/);
    // The agent reads its credential: a new one restarts it (render declares the reader; the manifest records it).
    assert.match(run.stdout, /^compute1 +1 +restart: mesos-slave/m);
    assert.match(readFileSync(join(dir, 'b/hosts/compute1/install.sh'), 'utf8'), /^ {2}'etc\/mesos\/agent-credential 0600 - mesos-slave\.service'$/m);
    // Neither build publishes a digest of a secret file; the private sums are 0600.
    for (const side of ['a', 'b']) {
      const manifest = readFileSync(join(dir, side, 'manifest.json'), 'utf8');
      const entry = /"path": "rootfs\/etc\/mesos\/agent-credential"[^}]*/.exec(manifest)![0];
      assert.doesNotMatch(entry, /sha256|size/);
      assert.doesNotMatch(readFileSync(join(dir, side, 'SHA256SUMS'), 'utf8'), /agent-credential/);
      assert.equal(statSync(join(dir, side, 'SHA256SUMS.secret')).mode & 0o777, 0o600);
      assert.equal(spawnSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS', 'SHA256SUMS.secret'], { cwd: join(dir, side) }).status, 0);
    }
  });

  test('a build directory is untrusted input: its manifest is checked and its files verified', () => {
    const dir = setUp('identical');
    assert.equal(mesosgen(dir, 'build', 'old.json', '--out', 'a').status, 0);
    const manifestPath = join(dir, 'a/manifest.json');
    const original = readFileSync(manifestPath, 'utf8');
    const tamper = (change: (text: string) => string) => {
      const copy = join(dir, 'b');
      rmSync(copy, { recursive: true, force: true });
      cpSync(join(dir, 'a'), copy, { recursive: true });
      writeFileSync(join(copy, 'manifest.json'), change(original));
      return mesosgen(dir, 'diff', 'a', 'b');
    };
    // A path that leaves the host's folder, broken JSON, an empty object: usage errors, no stack trace.
    for (const change of [
      (t: string) => t.replace('"rootfs/etc/mesos-master/cluster"', '"../../../../../../../etc/os-release"'),
      () => '{',
      () => '{}',
    ]) {
      const run = tamper(change);
      assert.equal(run.status, 2, run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /internal error|PRETTY_NAME|at .*\.js/);
    }
    // A file whose content is not what the manifest says is refused, not shown.
    const sum = /"path": "rootfs\/etc\/mesos-master\/cluster",\s*"readers": \[[^\]]*\],\s*"sha256": "([0-9a-f]{64})"/.exec(original)![1];
    const changed = tamper((t) => t.replace(sum, 'f'.repeat(64)));
    assert.equal(changed.status, 2);
    writeFileSync(join(dir, 'b/hosts/master1/rootfs/etc/mesos-master/cluster'), 'tampered\n');
    const run = mesosgen(dir, 'diff', 'a', 'b');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /does not match its sha256/);
    assert.doesNotMatch(run.stdout, /tampered/);
    // A file edited after the build, its manifest left alone: diff and plan against the spec it was
    // built from must not report "no change" (the recorded digest is checked, not trusted).
    rmSync(join(dir, 'b'), { recursive: true, force: true });
    cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
    writeFileSync(join(dir, 'b/hosts/master1/rootfs/etc/mesos-master/cluster'), 'tampered\n');
    for (const args of [['diff', 'b', 'old.json'], ['plan', 'b', 'old.json', '--out', 'next']]) {
      const edited = mesosgen(dir, ...args);
      assert.equal(edited.status, 2, `${args[0]}: ${edited.stdout}${edited.stderr}`);
      assert.match(edited.stderr, /hosts\/master1\/rootfs\/etc\/mesos-master\/cluster does not match its sha256/);
      assert.doesNotMatch(edited.stdout + edited.stderr, /tampered/);
    }
    assert.equal(existsSync(join(dir, 'next')), false);
    // A link inside the build that points out of it is refused too.
    rmSync(join(dir, 'b/hosts/master1/rootfs/etc/mesos-master/cluster'));
    symlinkSync('/etc/os-release', join(dir, 'b/hosts/master1/rootfs/etc/mesos-master/cluster'));
    const linked = mesosgen(dir, 'diff', 'a', 'b');
    assert.equal(linked.status, 2);
    assert.match(linked.stderr, /outside the build directory/);
  });
});

describe('mesosgen plan', () => {
  for (const name of ['add-agent', 'cluster-name', 'remove-agent', 'two-to-three-masters']) {
    test(name, async () => {
      const dir = setUp(name);
      const run = mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out');
      assert.equal(run.status, 0, run.stderr);
      // NEW's warnings, as build prints them (the seed has two masters; two-to-three-masters has three).
      if (name === 'two-to-three-masters') assert.doesNotMatch(run.stderr, /warning/);
      else assert.match(run.stderr, /^new\.json:\d+:\d+: warning W_MASTERS_EVEN \/hosts: 2 masters tolerate no failure/m);
      const rolloutMd = readFileSync(join(dir, 'out/cluster/rollout.md'), 'utf8');
      golden(name, 'rollout.md', rolloutMd);
      // Its diagram is what GitHub and GitLab will draw: Mermaid's own parser must take it.
      const diagrams = mermaidBlocks(rolloutMd);
      assert.equal(diagrams.length, 1);
      assert.equal((await parseFlowchart(diagrams[0])).type, 'flowchart-v2');
      // The inventory carries tarball digests, which change with every template: its content is tested in ansible.test.ts.
      golden(name, 'rollout.yml', readFileSync(join(dir, 'out/cluster/ansible/rollout.yml'), 'utf8'));
      // The role the plays include is the same for every plan: one golden copy.
      for (const file of ['tasks/main.yml', 'tasks/stop.yml', 'tasks/verify.yml', 'vars/main.yml']) {
        golden('ansible-role', file.replace('/', '-'), readFileSync(join(dir, 'out/cluster/ansible/roles/mesosgen', file), 'utf8'));
      }
    });
  }

  test('2 -> 3 masters follows the quorum procedure: kept masters first, then the new one, then agents, then frameworks', () => {
    const dir = setUp('two-to-three-masters');
    assert.equal(mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out').status, 0);
    const md = readFileSync(join(dir, 'out/cluster/rollout.md'), 'utf8');
    const order = [...md.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => m[2].trim());
    assert.deepEqual(order.slice(0, 4), [
      'find the ZooKeeper and Mesos leaders, so the leading master is updated last',
      'master 1 of 2, non-leaders first',
      'master 2 of 2, non-leaders first',
      'new master master3',
    ]);
    assert.match(md, /quorum 2 and the new ZooKeeper member list/);
    // Only deploy.sh's master list changed, not an app or job: nothing to redeploy.
    assert.ok(!order.includes('apps and jobs'), order.join('\n'));
  });

  test('an invalid NEW is exit 1 with its diagnostics, as in build, and writes nothing (diff: exit 2, as diff(1))', () => {
    const dir = setUp('identical');
    writeFileSync(join(dir, 'new.json'), readFileSync(join(dir, 'new.json'), 'utf8').replace('"clientPort": 2181', '"clientPort": "2181"'));
    const run = mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^new\.json:\d+:\d+: error E_TYPE \/zookeeper\/clientPort: /m);
    assert.equal(existsSync(join(dir, 'out')), false);
    assert.equal(mesosgen(dir, 'diff', 'old.json', 'new.json').status, 2);
  });

  test('a refused change writes nothing (exit 3)', () => {
    const dir = setUp('renumber-zookeeper');
    const run = mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out');
    assert.equal(run.status, 3);
    assert.equal(existsSync(join(dir, 'out')), false);
  });
});

describe('rollout.sh', () => {
  function rollout(dir: string, env: Record<string, string>, ...args: string[]) {
    const r = spawnSync('bash', [join(dir, 'out/cluster/rollout.sh'), '--hosts', join(dir, 'hosts.txt'), '--timeout', '1', ...args], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(REPO, 'test/shims')}:${process.env.PATH}`, SHIM_LOG: join(dir, 'ssh.log'), ...env },
    });
    const log = existsSync(join(dir, 'ssh.log')) ? readFileSync(join(dir, 'ssh.log'), 'utf8') : '';
    writeFileSync(join(dir, 'ssh.log'), '');
    return { status: r.status, out: r.stdout + r.stderr, log };
  }

  /** rename-add-agent-and-app planned with `batch` agents per step, its hosts reached as admin@<host>, deploy.sh a stand-in. */
  function plannedRollout(batch: string): string {
    const dir = setUp('rename-add-agent-and-app');
    assert.equal(mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out', '--batch', batch).status, 0);
    writeFileSync(join(dir, 'hosts.txt'), ['master1', 'master2', 'compute1', 'compute2', 'compute3'].map((h) => `${h} admin@${h}`).join('\n') + '\n');
    // deploy.sh would talk to Marathon: the frameworks step runs a stand-in that records it ran.
    writeFileSync(join(dir, 'out/cluster/deploy.sh'), `#!/bin/sh\necho deployed >> '${join(dir, 'ssh.log')}'\n`);
    chmodSync(join(dir, 'out/cluster/deploy.sh'), 0o755);
    return dir;
  }

  test(
    'is shellcheck-clean',
    {
      skip: spawnSync('sh', ['-c', 'command -v shellcheck']).status !== 0 && process.env.CI !== 'true' ? 'shellcheck is not installed (CI installs it)' : false,
    },
    () => {
      const dir = setUp('two-to-three-masters');
      assert.equal(mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out').status, 0);
      const r = spawnSync(
        'shellcheck',
        [
          '--severity=style',
          join(dir, 'out/cluster/rollout.sh'),
          join(REPO, 'test/shims/ssh'),
          join(REPO, 'test/shims/systemctl'),
          join(REPO, 'test/shims/journalctl'),
        ],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stdout);
    },
  );

  test('runs every step in order, leader last, stops at the first failed gate and resumes with --from', () => {
    const dir = plannedRollout('2');

    const failed = rollout(dir, { SHIM_LEADER: 'admin@master1', SHIM_FAIL: '^admin@compute3 .*gate_agent' });
    assert.equal(failed.status, 1, failed.out);
    assert.match(failed.out, /step 5 failed; fix the host\(s\) above, then run: .*rollout\.sh --from 5/);
    const calls = failed.log.trim().split('\n');
    const installs = calls.filter((c) => c.includes('tar -xzf')).map((c) => c.split(' ')[0]);
    // master2 before the leader master1; agents in batches of 2; nothing after the failed step.
    assert.deepEqual(installs.slice(0, 2), ['admin@master2', 'admin@master1']);
    assert.deepEqual(installs.slice(2).sort(), ['admin@compute1', 'admin@compute2', 'admin@compute3']);
    assert.ok(calls.some((c) => /^admin@master2 bash -s \(gate_master 192\.168\.1\.141 2181 5050 \)$/.test(c)), calls.join('\n'));
    assert.ok(!calls.includes('deployed'), 'the frameworks step did not run');

    const resumedFrom = rollout(dir, {}, '--from', '5');
    assert.equal(resumedFrom.status, 0, resumedFrom.out);
    const again = resumedFrom.log.trim().split('\n');
    assert.deepEqual(again.filter((c) => c.includes('tar -xzf')).map((c) => c.split(' ')[0]), ['admin@compute3']);
    assert.equal(again[again.length - 1], 'deployed');
  });

  test('verifies each host against the build it runs before changing it; drift stops the step unless --allow-drift', () => {
    const dir = plannedRollout('3');
    const isVerify = (c: string) => c.includes('.installed/install.sh') && c.includes('--verify');
    const isInstall = (c: string) => c.includes('tar -xzf');

    // compute2 drifted: the agents step verifies all three agents, then stops before touching any.
    const stopped = rollout(dir, { SHIM_LEADER: 'admin@master1', SHIM_DRIFT: '^admin@compute2$' });
    assert.equal(stopped.status, 1, stopped.out);
    assert.match(stopped.out, /drift D_FILE_CONTENT \/etc\/mesos-master\/quorum/);
    assert.match(stopped.out, /step 4: compute2 differs from the build it runs \(above\); .*\/rollout\.sh --from 4 --allow-drift/);
    const calls = stopped.log.trim().split('\n');
    // Each master verified right before its own install; the agents all verified before any install.
    assert.deepEqual(
      calls.filter((c) => isVerify(c) || isInstall(c)).map((c) => `${isVerify(c) ? 'verify' : 'install'} ${c.split(' ')[0]}`),
      ['verify admin@master2', 'install admin@master2', 'verify admin@master1', 'install admin@master1', 'verify admin@compute1', 'verify admin@compute2'],
    );

    const allowed = rollout(dir, { SHIM_DRIFT: '^admin@compute2$' }, '--from', '4', '--allow-drift');
    assert.equal(allowed.status, 0, allowed.out);
    assert.match(allowed.out, /compute2: the drift above is overwritten \(--allow-drift\)/);
    assert.deepEqual(allowed.log.split('\n').filter(isInstall).map((c) => c.split(' ')[0]).sort(), ['admin@compute1', 'admin@compute2', 'admin@compute3']);
    // --dry-run shows the verify command it would run on each host.
    const dry = rollout(dir, {}, '--dry-run');
    assert.match(dry.out, /would run: ssh -o BatchMode=yes -- admin@compute1 'sudo sh -c .*\.installed\/install\.sh.* --verify/);
  });
});

test('--format markdown: the summary, the diagram, the risks and each host\'s diffs in a collapsed section', async () => {
  const dir = setUp('add-agent-and-app');
  const md = mesosgen(dir, 'diff', 'old.json', 'new.json', '--format', 'markdown');
  assert.equal(md.status, 1, md.stderr);
  // NEW is a spec: the diagram shows the cluster, the change and the rollout's steps.
  const chart = await parseFlowchart(mermaidBlocks(md.stdout)[0]);
  assert.deepEqual(chart.subgraphs, ['cluster MesosPaco', 'rollout: 2 step(s), each gated']);
  assert.deepEqual(
    [...chart.labels.values()].slice(0, 3),
    ['masters: 2\n2 unchanged', 'agents: 3\n1 new, 2 unchanged', 'apps and jobs\n1 file(s) change: deployed last'],
  );
  // NEW is a build directory: no plan to order a rollout from, so the cluster and the change only.
  assert.equal(mesosgen(dir, 'build', 'new.json', '--out', 'built').status, 0);
  const fromBuild = await parseFlowchart(mermaidBlocks(mesosgen(dir, 'diff', 'old.json', 'built', '--format', 'markdown').stdout)[0]);
  assert.deepEqual(fromBuild.subgraphs, ['cluster MesosPaco']);
  assert.match(md.stdout, /^### mesosgen diff `old\.json` → `new\.json`$/m);
  assert.match(md.stdout, /^\| compute3 \| \+\d+ \(new host\) \| install: docker, mesos-slave \| {2}\|$/m);
  assert.match(md.stdout, /<details><summary>compute3: .*<\/summary>\n\n\n```diff\n--- \/dev\/null\n\+\+\+ b\/hosts\/compute3\/rootfs\//);
  assert.equal(md.stdout.match(/<details>/g)?.length, md.stdout.match(/<\/details>/g)?.length);
  const stat = mesosgen(dir, 'diff', 'old.json', 'new.json', '--format', 'markdown', '--stat');
  assert.doesNotMatch(stat.stdout, /<details>/);
});

test('apps and jobs that OLD deploys and NEW does not are named, in diff and in rollout.md', () => {
  const dir = setUp('identical');
  const fewer = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')) as { apps: unknown[]; jobs: unknown[] };
  fewer.apps = fewer.apps.slice(0, 1);
  fewer.jobs = [];
  writeFileSync(join(dir, 'new.json'), JSON.stringify(fewer));
  const diff = mesosgen(dir, 'diff', 'old.json', 'new.json', '--stat');
  assert.equal(diff.status, 1);
  assert.match(diff.stdout, /warning R_APP_REMOVED: app \/segundaapp is deployed by OLD but not by NEW.*DELETE \/v2\/apps\/segundaapp/);
  assert.match(diff.stdout, /warning R_JOB_REMOVED: job Hola /);
  assert.equal(mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out').status, 0);
  assert.match(readFileSync(join(dir, 'out/cluster/rollout.md'), 'utf8'), /R_APP_REMOVED/);
  // plan's deploy.sh deletes them once the rest is deployed.
  const deploy = readFileSync(join(dir, 'out/cluster/deploy.sh'), 'utf8');
  assert.match(deploy, /^readonly REMOVE_APPS=\( \/segundaapp \)$/m);
  assert.match(deploy, /^readonly REMOVE_JOBS=\( Hola \)$/m);
});

test('rollout.sh --dry-run shows the ssh and tar commands it would run, host by host, and runs none', () => {
  const dir = setUp('rename-add-agent-and-app');
  assert.equal(mesosgen(dir, 'plan', 'old.json', 'new.json', '--out', 'out').status, 0);
  const dry = spawnSync('bash', [join(dir, 'out/cluster/rollout.sh'), '--dry-run'], { encoding: 'utf8' });
  assert.equal(dry.status, 0, dry.stderr);
  const out = dry.stdout + dry.stderr;
  assert.match(
    out,
    /would run: ssh -o BatchMode=yes -- 192\.168\.1\.144 'mkdir -p \/var\/tmp\/mesosgen && cat > \/var\/tmp\/mesosgen\/host\.tar\.gz' < '.*\/tarballs\/compute3\.tar\.gz'/,
  );
  assert.match(
    out,
    /would run: ssh -o BatchMode=yes -- 192\.168\.1\.144 'cd \/var\/tmp\/mesosgen && tar -xzf host\.tar\.gz && sudo \.\/compute3\/install\.sh'/,
  );
  assert.match(out, /would run: ssh -o BatchMode=yes -- 192\.168\.1\.140 .*sudo \.\/master1\/install\.sh'/);
});

describe('diff output as a patch', () => {
  // Everything diff shows of a build directory: each host's rootfs/ and cluster/ (install.sh,
  // cloud-init.yaml, the manifest and the tarballs restate those; README says why they are left out).
  const reviewed = (dir: string) =>
    listFiles(dir)
      .filter((f) => /^hosts\/[^/]+\/rootfs\/|^cluster\//.test(f))
      .map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`);

  for (const tool of ['patch', 'git'] as const) {
    test(`mesosgen diff OLD NEW applied to OLD's tree with ${tool === 'patch' ? 'patch -p1' : 'git apply'} gives NEW's tree`, () => {
      const dir = setUp('rename-add-agent-and-app');
      for (const side of ['old', 'new']) assert.equal(mesosgen(dir, 'build', `${side}.json`, '--out', side).status, 0);
      const diff = mesosgen(dir, 'diff', 'old.json', 'new.json');
      assert.equal(diff.status, 1, diff.stderr);
      // The patch's paths are hosts/<host>/rootfs/... and cluster/...: it applies inside a copy of OLD's build directory.
      const target = join(dir, 'old-copy');
      cpSync(join(dir, 'old'), target, { recursive: true });
      const expected = join(dir, 'new');
      writeFileSync(join(dir, 'change.patch'), diff.stdout);
      const run = tool === 'patch'
        ? spawnSync('patch', ['-p1', '--batch', '--forward', '-i', join(dir, 'change.patch')], { cwd: target, encoding: 'utf8' })
        : spawnSync('git', ['apply', join(dir, 'change.patch')], { cwd: target, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.notDeepEqual(reviewed(join(dir, 'old')), reviewed(expected));
      assert.deepEqual(reviewed(target), reviewed(expected));
      // Nothing lands beside the build's own folders (a host's folder at the top, say).
      assert.deepEqual(readdirSync(target).sort(), readdirSync(join(dir, 'old')).sort());
    });
  }
});

/**
 * Adds cluster/<path> with `body` to the build directory `build` and lists it in its manifest with
 * its real sha256, as someone who can write the build directory would.
 */
function plantWorkload(build: string, path: string, body: unknown): void {
  const text = JSON.stringify(body);
  mkdirSync(join(build, 'cluster', dirname(path)), { recursive: true });
  writeFileSync(join(build, 'cluster', path), text);
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as { workloads: { files: unknown[] } };
  manifest.workloads.files.push({ mode: '0644', path, sha256: createHash('sha256').update(text).digest('hex'), size: Buffer.byteLength(text) });
  writeFileSync(join(build, 'manifest.json'), JSON.stringify(manifest));
}

test('ids read from a build directory are checked like spec ids before deploy.sh may delete them', () => {
  const dir = setUp('identical');
  assert.equal(mesosgen(dir, 'build', 'old.json', '--out', 'deployed').status, 0);
  const planted: Array<[string, unknown, RegExp]> = [
    // ".." steps that curl resolves: /v2/apps/segundaapp (kept by NEW) and /v2/groups (every app).
    ['marathon/apps/x.json', { id: '/x/../segundaapp' }, /segment "\.\."/],
    ['marathon/apps/groups.json', { id: '/../groups' }, /segment "\.\."/],
    ['marathon/apps/a.json', { id: '/a//b' }, /segment ""/],
    // A valid id that NEW still deploys, in a file NEW does not write.
    ['marathon/apps/other.json', { id: '/segundaapp' }, /writes to segundaapp\.json, not to this file/],
    ['marathon/apps/ctl.json', { id: '/x\u001b[2J\nwarning R_FORGED' }, /\\u001b\[2J\\nwarning R_FORGED/],
    ['marathon/apps/n.json', { id: 7 }, /has no string "id"/],
    ['marathon/apps/bad.json', '{', /has no string "id"|is not JSON/],
    ['chronos/jobs/...json', { name: '..' }, /not "\." or "\.\."/],
    ['chronos/jobs/x%2Fy.json', { name: 'x/y' }, /Chronos refuses/],
  ];
  for (const [path, body, why] of planted) {
    rmSync(join(dir, 'old'), { recursive: true, force: true });
    cpSync(join(dir, 'deployed'), join(dir, 'old'), { recursive: true });
    plantWorkload(join(dir, 'old'), path, body);
    const run = mesosgen(dir, 'plan', 'old', 'new.json', '--out', 'out');
    assert.equal(run.status, 2, `${path}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, new RegExp(`cluster/${path.replace(/[.%]/g, '\\$&')} .*refusing to plan its deletion`));
    assert.match(run.stderr, why);
    assert.doesNotMatch(run.stderr, /[\u001b]|internal error/);
    assert.equal(existsSync(join(dir, 'out')), false, 'nothing is written');
    assert.equal(mesosgen(dir, 'diff', 'old', 'new.json').status, 2);
  }
});

test('a spec job named "." or ".." is refused: it would be a path step in its URL', () => {
  const dir = setUp('identical');
  const spec = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')) as { jobs: Array<{ name: string }> };
  spec.jobs[0].name = '..';
  writeFileSync(join(dir, 'new.json'), JSON.stringify(spec, null, 2));
  const run = mesosgen(dir, 'validate', 'new.json');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /error E_JOB_NAME_INVALID \/jobs\/0\/name: .*not "\." or "\.\."/);
});

test('markdownText and codeSpan: no HTML, link, mention, emphasis, table cell or control gets through', async () => {
  const { codeSpan, markdownText } = await import('../src/util/markdown.js');
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '<details open>',
    '@team',
    '[x](https://example.com)',
    '*a* _b_ ~~c~~',
    'a|b',
    '#12',
    'x\u009b[2Jy',
    'p\u2028q\u0085r',
    '/var/lib/mesos/\u202etsam',
    'a\\b',
  ];
  for (const value of hostile) {
    for (const text of [markdownText(value), markdownText(`prose ${value} \`code\` more`, true)]) {
      assert.doesNotMatch(text, /[<>\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/, text);
      // Outside the one code span mesosgen wrote, every special character is escaped.
      const outside = text.replace('`code`', '');
      assert.doesNotMatch(outside, /(^|[^\\])[`*_[\]#@~|]/, outside);
    }
    const span = codeSpan(value, true);
    assert.doesNotMatch(span, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  }
  // A stray backtick in a value cannot open a code span.
  assert.equal(markdownText('a`b'), 'a\\`b');
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x'), '`` `x ``');
  assert.equal(markdownText('run `a|b` now', true), 'run `a\\|b` now');
});

test('diff and plan print build-directory values escaped for their format; a manifest path with markup or a control is refused', () => {
  const dir = setUp('identical');
  const fewer = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')) as { apps: unknown[] };
  fewer.apps = fewer.apps.slice(0, 1);
  writeFileSync(join(dir, 'new.json'), JSON.stringify(fewer));
  const label = 'o`<img src=x>@team\u009b\u2028';
  assert.equal(mesosgen(dir, 'build', 'old.json', '--out', label).status, 0);
  const md = mesosgen(dir, 'diff', label, 'new.json', '--format', 'markdown');
  assert.equal(md.status, 1, md.stderr);
  // The label is one code span, where `<img>` is text, not HTML.
  assert.doesNotMatch(md.stdout, /[\u009b\u2028]/);
  assert.match(md.stdout, /^### mesosgen diff ``o`<img src=x>@team\\u009b\\u2028`` → `new.json`$/m);
  const text = mesosgen(dir, 'diff', label, 'new.json');
  assert.doesNotMatch(text.stdout + text.stderr, /[\u009b\u2028]/);
  assert.match(text.stdout, /o`<img src=x>@team\\u009b\\u2028/);
  // Paths in a manifest are what mesosgen writes: nothing that is markup or a control.
  const manifestPath = join(dir, label, 'manifest.json');
  const original = readFileSync(manifestPath, 'utf8');
  for (const path of ['rootfs/etc/<img src=x>', 'rootfs/etc/a`b', 'rootfs/etc/a\u2028b', 'rootfs/etc/a\u0085b', 'rootfs/etc/@team']) {
    writeFileSync(manifestPath, original.replace('"rootfs/etc/mesos-master/cluster"', JSON.stringify(path)));
    const run = mesosgen(dir, 'diff', label, 'new.json', '--format', 'markdown');
    assert.equal(run.status, 2, `${JSON.stringify(path)}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /is not a mesosgen manifest/);
    assert.doesNotMatch(run.stdout + run.stderr, /[\u0085\u009b\u2028]/);
  }
});

test('a build directory carries each host\'s ports and ZooKeeper id; one written before it did is read through myid', () => {
  const dir = setUp('renumber-zookeeper');
  assert.equal(mesosgen(dir, 'build', 'old.json', '--out', 'deployed').status, 0);
  const manifestPath = join(dir, 'deployed/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { hosts: Array<{ name: string; ports?: object; zookeeperId?: number }> };
  const master1 = manifest.hosts.find((h) => h.name === 'master1')!;
  assert.deepEqual([master1.ports, master1.zookeeperId], [{ master: 5050, zookeeper: 2181 }, 1]);
  // The renumbered member is found from the manifest's facts.
  const renumbered = mesosgen(dir, 'diff', 'deployed', 'new.json', '--stat');
  assert.equal(renumbered.status, 3, renumbered.stdout + renumbered.stderr);
  assert.match(renumbered.stdout, /R_ZKID_RENUMBERED/);
  // An older manifest without the facts: same answers, the id read from myid.
  for (const h of manifest.hosts) {
    delete h.ports;
    delete h.zookeeperId;
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  assert.equal(mesosgen(dir, 'diff', 'deployed', 'old.json').status, 0);
  assert.equal(mesosgen(dir, 'diff', 'deployed', 'new.json', '--stat').status, 3);
});
