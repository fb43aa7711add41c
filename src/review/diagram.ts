// The picture a reviewer looks at before reading: a Mermaid flowchart (GitHub and GitLab draw it in
// a pull request) of the cluster and the change, for rollout.md and `diff --format markdown`. Hosts
// appear as groups with counts, never one box each, and long runs of agent steps fold into one box,
// so a 100,000-host cluster draws as small as a 5-host one.
import { mermaidText } from '../util/markdown.js';
import type { Role } from '../plan/model.js';
import type { DiffReport } from './diff.js';
import { workloadChanges, type RolloutPlan, type RolloutStep } from './rollout.js';

// A run of more agent steps than this shows its first, a box for the rest but the last, and its last.
const AGENT_RUN_SHOWN = 3;
// Host names a box lists before "and N more".
const NAMES_SHOWN = 3;

interface Group {
  roles: Role[];
  hosts: number;
  restart: number;
  filesOnly: number;
  added: number;
  removed: number;
}

/**
 * The Mermaid flowchart of `report` and, when given, the rollout of it, as a fenced ```mermaid
 * block; the empty string when nothing changes. Every value is written with mermaidText, so host
 * and cluster names from a build directory cannot end a label or inject markup. Never fails.
 */
export function renderRolloutDiagram(report: DiffReport, rollout?: RolloutPlan): string {
  if (report.hosts.length === 0 && report.cluster.length === 0) return '';
  const lines = ['```mermaid', 'flowchart TB'];
  const label = (...parts: string[]) => `["${parts.map(mermaidText).join('<br/>')}"]`;
  lines.push(`  subgraph cluster${label(`cluster ${report.clusterName}`)}`, '    direction LR');
  groupsOf(report).forEach((g, i) => {
    lines.push(`    g${i}${label(`${groupName(g.roles)}: ${g.hosts}`, describeGroup(g))}`);
    lines.push(`    class g${i} ${g.restart + g.added + g.removed > 0 ? 'restart' : 'quiet'}`);
  });
  const workloads = workloadChanges(report);
  if (workloads > 0) lines.push(`    w${label('apps and jobs', `${workloads} file(s) change: deployed last`)}`, '    class w restart');
  lines.push('  end');
  if (rollout && rollout.steps.length > 0) {
    lines.push(`  subgraph rollout${label(`rollout: ${rollout.steps.length} step(s), each gated`)}`, '    direction TB');
    const boxes = foldAgentRuns(rollout.steps);
    boxes.forEach((box, i) => lines.push(`    s${i}${label(box.title, box.hosts)}`, `    class s${i} ${box.kind}`));
    lines.push(`    done(["${mermaidText("rollout done")}"])`);
    boxes.forEach((box, i) => lines.push(`    s${i} -- "${mermaidText(box.brief)}" --> ${i + 1 < boxes.length ? `s${i + 1}` : 'done'}`));
    lines.push('  end', '  cluster ~~~ rollout');
  }
  lines.push(
    '  classDef restart fill:#fff4ce,stroke:#9a6700',
    '  classDef quiet fill:#f6f8fa,stroke:#8c959f',
    '  classDef master fill:#ddf4ff,stroke:#0969da',
    '  classDef agents fill:#dafbe1,stroke:#1a7f37',
    '  classDef other fill:#f6f8fa,stroke:#57606a',
    '```',
  );
  return lines.join('\n') + '\n';
}

/** NEW's role groups with what changes in each; removed hosts count in their OLD roles' group. */
function groupsOf(report: DiffReport): Group[] {
  const groups = new Map<string, Group>();
  const groupFor = (roles: Role[]) => {
    const key = [...roles].sort().join('+');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { roles, hosts: 0, restart: 0, filesOnly: 0, added: 0, removed: 0 }));
    return g;
  };
  for (const c of report.census) groupFor(c.roles).hosts += c.hosts;
  for (const h of report.hosts) {
    const g = groupFor(h.roles);
    if (h.status === 'added') g.added++;
    else if (h.status === 'removed') g.removed++;
    else if (h.restart.length > 0) g.restart++;
    else g.filesOnly++;
  }
  // Masters first, as the rollout goes.
  return [...groups.values()].sort((a, b) => groupRank(a.roles) - groupRank(b.roles));
}

const groupRank = (roles: Role[]) => (roles.includes('master') ? (roles.length === 1 ? 0 : 1) : 2);

function groupName(roles: Role[]): string {
  if (roles.length === 1) return roles[0] === 'master' ? 'masters' : 'agents';
  return 'masters that are agents too';
}

function describeGroup(g: Group): string {
  const unchanged = g.hosts - g.added - g.restart - g.filesOnly;
  const parts = [
    g.restart > 0 && `${g.restart} restart`,
    g.filesOnly > 0 && `${g.filesOnly} files only, no restart`,
    g.added > 0 && `${g.added} new`,
    g.removed > 0 && `${g.removed} removed`,
    unchanged > 0 && `${unchanged} unchanged`,
  ].filter((p): p is string => p !== false);
  return parts.join(', ');
}

interface Box {
  kind: 'master' | 'agents' | 'other';
  title: string;
  hosts: string;
  brief: string;
}

/** One box per step, but a run of agent steps longer than AGENT_RUN_SHOWN keeps its ends and folds the middle. */
function foldAgentRuns(steps: readonly RolloutStep[]): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < steps.length; ) {
    let end = i;
    while (steps[i].kind === 'agents' && end + 1 < steps.length && steps[end + 1].kind === 'agents') end++;
    const run = steps.slice(i, end + 1);
    if (run.length > AGENT_RUN_SHOWN) {
      const middle = run.slice(1, -1);
      const hosts = middle.reduce((n, s) => n + s.hosts.length, 0);
      boxes.push(boxOf(run[0]));
      boxes.push({
        kind: 'agents',
        title: `steps ${middle[0].number}-${middle[middle.length - 1].number}: ${middle.length} more agent steps`,
        hosts: `${hosts} agents`,
        brief: middle[middle.length - 1].brief,
      });
      boxes.push(boxOf(run[run.length - 1]));
    } else boxes.push(...run.map(boxOf));
    i = end + 1;
  }
  return boxes;
}

function boxOf(step: RolloutStep): Box {
  const kind = step.kind === 'master' || step.kind === 'agents' ? step.kind : 'other';
  return { kind, title: `${step.number}. ${step.title}`, hosts: listHosts(step.hosts), brief: step.brief };
}

function listHosts(hosts: readonly string[]): string {
  if (hosts.length === 0) return 'cluster-wide';
  if (hosts.length <= NAMES_SHOWN) return hosts.join(', ');
  return `${hosts.slice(0, NAMES_SHOWN - 1).join(', ')} and ${hosts.length - NAMES_SHOWN + 1} more`;
}
