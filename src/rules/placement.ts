// Rules about where apps and jobs can run: enough cpus and memory on some agent, and explicit host
// ports that agents offer and that no other app already asks for.
import { diagnose } from '../diagnostics/diagnostic.js';
import { DEFAULT_OFFERED_PORTS } from '../spec/services.js';
import { toPointer } from '../util/pointer.js';
import { explicitHostPorts } from '../spec/workloads.js';
import { parsePortRanges } from './ports.js';
import type { Rule } from './rule.js';

/** Marathon's defaults for an app without cpus or mem (AppDefinition). */
const APP_DEFAULTS = { cpus: 1, mem: 128 };
/** Chronos' defaults for a job without (or with 0) cpus or mem: --mesos_task_cpu and --mesos_task_mem. */
const JOB_DEFAULTS = { cpus: 0.1, mem: 128 };

export const workloadsFitAgents: Rule = ({ spec, report }) => {
  const agents = spec.hosts.filter((h) => h.roles.includes('agent'));
  // Only when every agent declares both: an agent that does not could be any size.
  if (agents.length === 0 || agents.some((a) => a.resources?.cpus === undefined || a.resources?.mem === undefined)) return;
  const fits = (cpus: number, mem: number) => agents.some((a) => (a.resources!.cpus as number) >= cpus && (a.resources!.mem as number) >= mem);
  const largest = agents.map((a) => `${a.name}: ${a.resources!.cpus} cpus, ${a.resources!.mem} MB`).join('; ');
  spec.apps.forEach((app, i) => {
    const cpus = app.cpus ?? APP_DEFAULTS.cpus;
    const mem = app.mem ?? APP_DEFAULTS.mem;
    if (!fits(cpus, mem)) report(diagnose('E_WORKLOAD_TOO_BIG', toPointer('apps', i), { kind: 'app', cpus, mem, largest }));
  });
  const flags = spec.chronos.flags;
  const jobCpus = typeof flags.mesos_task_cpu === 'number' ? flags.mesos_task_cpu : JOB_DEFAULTS.cpus;
  const jobMem = typeof flags.mesos_task_mem === 'number' ? flags.mesos_task_mem : JOB_DEFAULTS.mem;
  spec.jobs.forEach((job, i) => {
    const cpus = job.cpus || jobCpus;
    const mem = job.mem || jobMem;
    if (!fits(cpus, mem)) report(diagnose('E_WORKLOAD_TOO_BIG', toPointer('jobs', i), { kind: 'job', cpus, mem, largest }));
  });
};

export const appHostPortsAreOffered: Rule = ({ spec, report }) => {
  const agents = spec.hosts.filter((h) => h.roles.includes('agent'));
  const offered = [...new Set(agents.map((a) => a.resources?.ports ?? DEFAULT_OFFERED_PORTS))];
  const inRange = (port: number) => offered.some((text) => parsePortRanges(text).some(([lo, hi]) => port >= lo && port <= hi));
  const taken = new Map<number, string>();
  spec.apps.forEach((app, i) => {
    for (const { port, path } of explicitHostPorts(app)) {
      const pointer = toPointer('apps', i) + path;
      if (agents.length > 0 && !inRange(port)) report(diagnose('E_APP_HOST_PORT_RANGE', pointer, { port, ranges: offered.join(', ') }));
      const first = taken.get(port);
      if (first !== undefined) report(diagnose('E_APP_HOST_PORT_COLLISION', pointer, { port, first }));
      else taken.set(port, `app ${app.id} (${pointer})`);
    }
  });
};

export const frameworksRunWorkloads: Rule = ({ spec, report }) => {
  if (spec.apps.length > 0 && !spec.marathon.enabled)
    report(diagnose('E_WORKLOAD_FRAMEWORK_DISABLED', '/apps', { kind: 'apps', framework: 'Marathon' }, { at: 'key' }));
  if (spec.jobs.length > 0 && !spec.chronos.enabled)
    report(diagnose('E_WORKLOAD_FRAMEWORK_DISABLED', '/jobs', { kind: 'jobs', framework: 'Chronos' }, { at: 'key' }));
};
