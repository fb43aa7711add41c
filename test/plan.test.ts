// Stage 4 (plan) on its own: each derived value the templates render, decided from the spec, in
// tables of (spec change, expected plan). No file is written; the plan is read from checkSpecFile.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkLoadedSpec, checkSpecFile } from '../src/pipeline.js';
import { parseSpecText } from '../src/spec/load.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ClusterPlan, HostPlan } from '../src/plan/model.js';
import { majorityOf } from '../src/spec/versions.js';
import { findHostRanges } from '../src/spec/host-ranges.js';
import { PlannedHosts } from '../src/plan/planned-hosts.js';
import type { Host } from '../src/spec/types.generated.js';
import { REPO, tempDir } from './helpers.js';

type Spec = Record<string, any>;
const seed = (): Spec => JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8'));

/** The plan of the seed changed by `change`; fails the test when the spec is not valid. */
function planOf(change: (s: Spec) => void): ClusterPlan {
  const spec = seed();
  change(spec);
  const path = join(tempDir('mesosgen-plan-'), 'cluster.json');
  writeFileSync(path, JSON.stringify(spec));
  const checked = checkSpecFile({ specPath: path });
  assert.ok(checked.ok && checked.plan, checked.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`).join('\n'));
  return checked.plan;
}

const master = (plan: ClusterPlan): HostPlan => plan.hosts.find((h) => h.roles.includes('master'))!;
const agent = (plan: ClusterPlan): HostPlan => plan.hosts.find((h) => h.roles.includes('agent'))!;
const flag = (flags: Array<{ name: string; value?: string }> | undefined, name: string) => flags?.find((f) => f.name === name)?.value;

/** Masters 1..n, the rest of the seed's hosts kept (its agents). */
function withMasters(n: number): (s: Spec) => void {
  return (s) => {
    const agents = s.hosts.filter((h: Spec) => !h.roles.includes('master'));
    s.hosts = [...Array.from({ length: n }, (_, i) => ({ name: `m${i + 1}`, ip: `10.0.0.${i + 1}`, roles: ['master'], zookeeperId: i + 1 })), ...agents];
  };
}

describe('plan: the quorum is the majority of the masters unless written', () => {
  const cases: Array<[string, (s: Spec) => void, string]> = [
    ['1 master', withMasters(1), '1'],
    ['3 masters', withMasters(3), '2'],
    ['5 masters', withMasters(5), '3'],
    ['3 masters, quorum 3 written', (s) => { withMasters(3)(s); s.mesos.master.quorum = 3; }, '3'],
  ];
  for (const [name, change, quorum] of cases) {
    test(name, () => assert.equal(flag(master(planOf(change)).master?.flags, 'quorum'), quorum));
  }
  test('majorityOf', () => assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(majorityOf), [1, 2, 2, 3, 3, 4, 4]));
});

describe('plan: Marathon reads /etc/default/marathon from 1.5, /etc/marathon/conf before', () => {
  const cases: Array<[string, 'env' | 'conf']> = [['1.4.12', 'conf'], ['1.5.0', 'env'], ['1.9.109', 'env'], ['1.10.17', 'env']];
  for (const [version, layout] of cases) {
    test(version, () => assert.equal(master(planOf((s) => (s.versions.marathon = version))).marathon?.layout, layout));
  }
});

describe('plan: ZooKeeper\'s AdminServer', () => {
  const cases: Array<[string, (s: Spec) => void, 'absent' | 'off' | number]> = [
    ['3.4 has none', (s) => (s.versions.zookeeper = '3.4'), 'absent'],
    ['3.8, off by default (port 8080 is Marathon\'s)', (s) => (s.versions.zookeeper = '3.8'), 'off'],
    ['3.8, asked for on 8081', (s) => {
      s.versions.zookeeper = '3.8';
      s.zookeeper.adminServer = { enabled: true, port: 8081 };
    }, 8081],
  ];
  for (const [name, change, expected] of cases) {
    test(name, () => assert.equal(master(planOf(change)).zookeeper?.adminServer, expected));
  }
});

describe('plan: the agent\'s executor registration timeout allows for image pulls when it runs Docker', () => {
  const cases: Array<[string, (s: Spec) => void, string]> = [
    ['docker containerizer: 10mins', (s) => {
      s.mesos.agent.containerizers = ['docker', 'mesos'];
      delete s.mesos.agent.executorRegistrationTimeout;
    }, '10mins'],
    ['mesos only: 1mins', (s) => {
      s.mesos.agent.containerizers = ['mesos'];
      delete s.mesos.agent.executorRegistrationTimeout;
      s.apps = [];
      s.jobs = [];
      s.docker = { enabled: false };
    }, '1mins'],
    ['written: kept', (s) => {
      s.mesos.agent.containerizers = ['docker', 'mesos'];
      s.mesos.agent.executorRegistrationTimeout = '15mins';
    }, '15mins'],
  ];
  for (const [name, change, expected] of cases) {
    test(name, () => assert.equal(flag(agent(planOf(change)).agent?.flags, 'executor_registration_timeout'), expected));
  }
});

describe('plan: units each role enables and masks', () => {
  test('a master enables ZooKeeper before Mesos before the frameworks, and masks the agent', () => {
    const m = master(planOf(() => undefined));
    assert.deepEqual(m.systemd.enable, ['zookeeper.service', 'mesos-master.service', 'marathon.service', 'chronos.service']);
    assert.deepEqual(m.systemd.mask, ['mesos-slave.service']);
  });
  test('a disabled framework is masked on the masters', () => {
    const m = master(planOf((s) => {
      s.chronos.enabled = false;
      s.jobs = [];
    }));
    assert.ok(!m.systemd.enable.includes('chronos.service'));
    assert.ok(m.systemd.mask.includes('chronos.service'));
  });
});

describe('a JSON spec\'s hosts are kept as ranges of its text', () => {
  const tricky =
    '{ "cluster": {"name": "x", "hosts": [1]}, "ho\\u0073ts" : [ {"name":"b","note":"] , [ \\" {"} ,\n' +
    '  {"name":"a","x":[1,{"y":"}"}]}\t] , "after": [ {"z":1} ] }';

  test('findHostRanges finds each element of the top-level "hosts", whatever its strings hold', () => {
    const ranges = findHostRanges(tricky)!;
    const hosts = (JSON.parse(tricky) as { hosts: unknown[] }).hosts;
    assert.equal(ranges.length, 2 * hosts.length);
    hosts.forEach((h, i) => assert.deepEqual(JSON.parse(tricky.slice(ranges[2 * i], ranges[2 * i + 1])), h));
    assert.deepEqual([...findHostRanges('{"hosts": []}')!], []);
    assert.equal(findHostRanges('{"hosts": 5, "x": [1]}'), undefined);
    assert.equal(findHostRanges('{"cluster": {"hosts": [1]}}'), undefined);
    assert.equal(findHostRanges('{"hosts": [1], "hosts": [2]}'), undefined);
  });

  test('PlannedHosts plans the same hosts, in build order, from the ranges as from copies, and falls back on wrong ranges', () => {
    const hosts = (JSON.parse(tricky) as { hosts: Host[] }).hosts;
    const order = Uint32Array.from([1, 0]);
    const sorted = [hosts[1], hosts[0]];
    const plan = (h: Host) => ({ name: h.name, spec: h }) as unknown as HostPlan;
    const copies = [...new PlannedHosts(sorted, plan)];
    assert.deepEqual([...new PlannedHosts(sorted, plan, { text: tricky, ranges: findHostRanges(tricky)!, order })], copies);
    assert.deepEqual([...new PlannedHosts(sorted, plan, { text: tricky, ranges: Uint32Array.from([0, 3, 5, 9]), order })], copies);
    assert.deepEqual(copies.map((h) => h.name), ['a', 'b']);
  });

  test('a whole plan is the same from a JSON spec as from the same spec in YAML', () => {
    const dir = tempDir('mesosgen-plan-');
    const text = readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8');
    writeFileSync(join(dir, 'c.json'), text);
    writeFileSync(join(dir, 'c.yaml'), text); // JSON is YAML: read by the YAML loader, without ranges
    const [json, yaml] = ['c.json', 'c.yaml'].map((f) => checkSpecFile({ specPath: join(dir, f) }).plan!);
    assert.deepEqual([...json.hosts], [...yaml.hosts]);
  });
});

test('a plan keeps no host object of the spec alive: hosts are parsed again when they are planned', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const spec = seed();
  spec.hosts = Array.from({ length: 50 }, (_, i) => ({ name: `agent${i}`, ip: `10.0.1.${i + 1}`, roles: ['agent'] }));
  spec.hosts.push(...seed().hosts.filter((h: Spec) => h.roles.includes('master')));
  const loaded = parseSpecText(JSON.stringify(spec), 'cluster.json', join(REPO, 'fixtures/seed/cluster.json'));
  const host = new WeakRef((loaded.value as { hosts: object[] }).hosts[0]);
  const plan = (() => checkLoadedSpec(loaded, false).plan!)();
  (loaded as { value: unknown }).value = undefined;
  await new Promise((r) => setImmediate(r));
  gc();
  assert.equal(host.deref(), undefined, 'a closure of the plan still holds the parsed hosts');
  assert.equal([...plan.hosts].length, 52);
});
