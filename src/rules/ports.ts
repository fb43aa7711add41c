// Rules about TCP ports: no two services of a host on one port, and none inside the range an agent
// offers to tasks (Mesos would hand that port to a task, which then fails to bind or steals it).
import { diagnose } from '../diagnostics/diagnostic.js';
import { DEFAULT_OFFERED_PORTS, hostPorts } from '../spec/services.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

/** Parses a Mesos ports resource such as "[31000-32000,40000-40010]", ranges sorted by start. */
export function parsePortRanges(text: string): Array<[number, number]> {
  return text
    .slice(1, -1)
    .split(',')
    .map((r) => r.split('-').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0]);
}

export const agentPortRangesAreValid: Rule = ({ spec, report }) => {
  spec.hosts.forEach((host, i) => {
    const text = host.resources?.ports;
    if (text === undefined) return;
    const ranges = parsePortRanges(text);
    const problem =
      ranges.find(([lo, hi]) => lo > hi) ? 'a range starts after it ends'
      : ranges.find(([lo, hi]) => lo < 1 || hi > 65535) ? 'ports must be within 1-65535'
      : ranges.find((r, k) => k > 0 && r[0] <= ranges[k - 1][1]) ? 'ranges overlap'
      : undefined;
    if (problem) report(diagnose('E_RESOURCE_PORTS', toPointer('hosts', i, 'resources', 'ports'), { detail: `${problem} in ${text}` }));
  });
};

export const portsDoNotCollide: Rule = ({ spec, report }) => {
  // Ports are cluster-wide settings, so each clash is reported once, naming the first host it hits.
  const reported = new Set<string>();
  for (const host of spec.hosts) {
    const ports = hostPorts(spec, host);
    ports.forEach((p, k) => {
      const other = ports.slice(0, k).find((q) => q.port === p.port);
      const key = `${other?.service}|${p.service}`;
      if (!other || reported.has(key)) return;
      reported.add(key);
      report(diagnose('E_PORT_COLLISION', p.path, { port: p.port, service: p.service, other: other.service, host: host.name }));
    });
  }
};

export const portsOutsideOfferedRange: Rule = ({ spec, report }) => {
  const reported = new Set<string>();
  for (const host of spec.hosts) {
    if (!host.roles.includes('agent')) continue;
    const range = host.resources?.ports ?? DEFAULT_OFFERED_PORTS;
    const ranges = parsePortRanges(range);
    for (const p of hostPorts(spec, host)) {
      const key = `${p.service}|${range}`;
      if (reported.has(key) || !ranges.some(([lo, hi]) => p.port >= lo && p.port <= hi)) continue;
      reported.add(key);
      report(diagnose('E_PORT_IN_OFFER_RANGE', p.path, { port: p.port, service: p.service, range, host: host.name }));
    }
  }
};
