// The rollout diagram (src/review/diagram.ts) checked with Mermaid's own parser (test/mermaid.ts):
// it parses for every review case and for hostile names, says what changes, and stays small for a
// 100,000-host change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderRolloutDiagram } from '../src/review/diagram.js';
import type { DiffReport, HostChange } from '../src/review/diff.js';
import type { RolloutPlan, RolloutStep } from '../src/review/rollout.js';
import { mermaidBlocks, parseFlowchart } from './mermaid.js';

const agent = (name: string, status: HostChange['status'], restart = ['mesos-slave.service']): HostChange => ({
  name,
  ip: '10.0.0.1',
  status,
  roles: ['agent'],
  ports: { agent: 5051 },
  files: [],
  restart,
  notes: [],
});

function report(hosts: HostChange[], census: DiffReport['census'], clusterName = 'c1'): DiffReport {
  return { old: 'old.json', new: 'new.json', hosts, cluster: [], risks: [], removed: { apps: [], jobs: [] }, census, clusterName };
}

function agentSteps(names: string[], batch: number): RolloutStep[] {
  const steps: RolloutStep[] = [];
  for (let i = 0; i < names.length; i += batch)
    steps.push({
      number: steps.length + 1,
      kind: 'agents',
      title: `agents ${i + 1}-${Math.min(i + batch, names.length)} of ${names.length}`,
      hosts: names.slice(i, i + batch),
      drain: [],
      command: 'install',
      gate: 'each agent answers /health',
      brief: 'agents healthy and registered',
    });
  return steps;
}

const rollout = (steps: RolloutStep[]): RolloutPlan => ({ cluster: 'c1', steps, hosts: [], drains: [], operatorAuth: false });

test('nothing changes: no diagram', () => {
  assert.equal(renderRolloutDiagram(report([], [{ roles: ['agent'], hosts: 3 }])), '');
});

test('groups count the change by role; the steps are a chain whose links are the gates, ending in done', async () => {
  const hosts = [agent('a1', 'changed'), agent('a2', 'changed', []), agent('a3', 'added'), agent('a9', 'removed')];
  const text = renderRolloutDiagram(report(hosts, [{ roles: ['agent'], hosts: 5 }]), rollout(agentSteps(['a1', 'a2', 'a3'], 2)));
  const [block] = mermaidBlocks(text);
  const chart = await parseFlowchart(block);
  assert.equal(chart.type, 'flowchart-v2');
  assert.deepEqual(chart.subgraphs, ['cluster c1', 'rollout: 2 step(s), each gated']);
  assert.equal(chart.labels.get('g0'), 'agents: 5\n1 restart, 1 files only, no restart, 1 new, 1 removed, 2 unchanged');
  assert.equal(chart.labels.get('s0'), '1. agents 1-2 of 3\na1, a2');
  assert.deepEqual(
    chart.edges.filter((e) => e.label !== ''),
    [
      { from: 's0', to: 's1', label: 'agents healthy and registered' },
      { from: 's1', to: 'done', label: 'agents healthy and registered' },
    ],
  );
});

test('100,000 agents one per step: the run folds into three boxes and the diagram stays small', async () => {
  const names = Array.from({ length: 100_000 }, (_, i) => `agent${i}`);
  const text = renderRolloutDiagram(report([agent('agent0', 'changed')], [{ roles: ['agent'], hosts: 100_000 }]), rollout(agentSteps(names, 1)));
  assert.ok(text.length < 2500, `${text.length} bytes`);
  const chart = await parseFlowchart(mermaidBlocks(text)[0]);
  assert.deepEqual(
    [...chart.labels.entries()].filter(([id]) => id.startsWith('s')).map(([, label]) => label),
    ['1. agents 1-1 of 100000\nagent0', 'steps 2-99999: 99998 more agent steps\n99998 agents', '100000. agents 100000-100000 of 100000\nagent99999'],
  );
});

test('hostile names end no label, add no node or link, and are drawn as written', async () => {
  const evil = 'x"] --> pwn["<img src=x onerror=alert(1)> #quot; #35; `**md**` click g0 "javascript:alert(1)" ; end %% ]]';
  const hosts = [{ ...agent(`h-${evil}`, 'changed'), roles: ['master' as const] }];
  const steps = agentSteps([`h-${evil}`], 1).map((s) => ({ ...s, title: evil, brief: evil }));
  const text = renderRolloutDiagram(report(hosts, [{ roles: ['master'], hosts: 1 }], evil), rollout(steps));
  const chart = await parseFlowchart(mermaidBlocks(text)[0]);
  assert.deepEqual([...chart.labels.keys()].sort(), ['cluster', 'done', 'g0', 'rollout', 's0']);
  assert.equal(chart.subgraphs[0], `cluster ${evil}`);
  assert.equal(chart.labels.get('s0'), `1. ${evil}\nh-${evil}`);
  assert.equal(chart.edges.find((e) => e.from === 's0')?.label, evil);
  // Only the label ends of mesosgen's own: every line is a label, a link or a fixed statement.
  assert.doesNotMatch(text, /<img|%%|^\s*click /m);
});
