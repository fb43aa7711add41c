// Rules about Chronos jobs (/jobs), from Chronos' job deserializer and scheduler for the pinned
// version: names, schedules, dependencies, and fields a version ignores.
import { compareVersions, minorOf } from '../util/version.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import { agentsUseDocker } from '../spec/resolve.js';
import { isScheduleError, parseSchedule } from '../spec/schedule.js';
import { toPointer } from '../util/pointer.js';
import { didYouMean } from '../util/suggest.js';
import { describeJobNameError, isDockerJob } from '../spec/workloads.js';
import { isChronos3 } from '../spec/versions.js';
import type { Rule } from './rule.js';

export const jobNamesAreValid: Rule = ({ spec, report }) => {
  const version = spec.versions.chronos;
  const first = new Map<string, number>();
  spec.jobs.forEach((job, i) => {
    const path = toPointer('jobs', i, 'name');
    const rule = describeJobNameError(job.name, version);
    if (rule !== undefined) report(diagnose('E_JOB_NAME_INVALID', path, { name: job.name, version, rule }));
    const seen = first.get(job.name);
    if (seen !== undefined) report(diagnose('E_JOB_NAME_DUPLICATE', path, { name: job.name, first: `/jobs/${seen}` }));
    else first.set(job.name, i);
  });
};

export const jobsHaveOneTrigger: Rule = ({ spec, report }) => {
  spec.jobs.forEach((job, i) => {
    if (job.schedule !== undefined && job.parents !== undefined) {
      report(
        diagnose(
          'E_JOB_TRIGGER',
          toPointer('jobs', i, 'parents'),
          { why: 'it has both; a dependent job runs after its parents, so remove "schedule"' },
          { at: 'key' },
        ),
      );
    } else if (job.schedule === undefined && job.parents === undefined) {
      report(diagnose('E_JOB_TRIGGER', toPointer('jobs', i), { why: 'it has neither, and Chronos would run it once, now' }));
    }
    if (job.schedule === undefined) return;
    const parsed = parseSchedule(job.schedule);
    if (isScheduleError(parsed)) {
      const { part, value, why, index } = parsed;
      report(diagnose('E_JOB_SCHEDULE_INVALID', toPointer('jobs', i, 'schedule'), { part, value, why }, { within: index }));
    }
  });
};

export const jobTimeZonesExist: Rule = ({ spec, report }) => {
  spec.jobs.forEach((job, i) => {
    const zone = job.scheduleTimeZone;
    if (zone === undefined || zone === '' || isTimeZone(zone)) return;
    const hint = didYouMean(zone, Intl.supportedValuesOf('timeZone'));
    report(diagnose('E_JOB_TIMEZONE', toPointer('jobs', i, 'scheduleTimeZone'), { zone, hint }));
  });
};

export const jobParentsFormNoCycle: Rule = ({ spec, report }) => {
  const names = spec.jobs.map((j) => j.name);
  spec.jobs.forEach((job, i) => {
    (job.parents ?? []).forEach((parent, k) => {
      if (!names.includes(parent)) report(diagnose('E_JOB_PARENT_UNKNOWN', toPointer('jobs', i, 'parents', k), { parent, hint: didYouMean(parent, names) }));
    });
  });
  // Depth-first search; each cycle is reported once, at its first job in spec order.
  const parentsOf = new Map(spec.jobs.map((j) => [j.name, (j.parents ?? []).filter((p) => names.includes(p))]));
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const key = [...new Set(cycle)].sort().join('|');
      if (reported.has(key)) return;
      reported.add(key);
      const at = names.indexOf(cycle.reduce((a, b) => (names.indexOf(a) < names.indexOf(b) ? a : b)));
      report(diagnose('E_JOB_CYCLE', toPointer('jobs', at, 'parents'), { cycle: cycle.join(' -> ') }, { at: 'key' }));
      return;
    }
    state.set(name, 'open');
    for (const parent of parentsOf.get(name) ?? []) visit(parent, [...trail, name]);
    state.set(name, 'done');
  };
  names.forEach((n) => visit(n, []));
};

export const jobFieldsFitVersion: Rule = ({ spec, report }) => {
  const version = spec.versions.chronos;
  const v3 = isChronos3(version);
  const fetchSupported = compareVersions(minorOf(version), '2.5') >= 0;
  spec.jobs.forEach((job, i) => {
    const ignored = (field: string, why: string, ...path: Array<string | number>) =>
      report(diagnose('W_JOB_FIELD_IGNORED', toPointer('jobs', i, ...path), { field, version, why }, { at: 'key' }));
    if (v3 && job.epsilon !== undefined) ignored('epsilon', '3.0 never skips a run, so there is no epsilon', 'epsilon');
    if (!v3 && job.concurrent !== undefined) ignored('concurrent', 'it arrived in 3.0', 'concurrent');
    if (!v3 && job.container?.type !== undefined) ignored('container.type', 'before 3.0 every container is Docker', 'container', 'type');
    if (!fetchSupported && job.fetch !== undefined) ignored('fetch', 'it arrived in 2.5; use uris', 'fetch');
    if (!v3) job.fetch?.forEach((f, k) => f.output_file !== undefined && ignored('output_file', 'it arrived in 3.0', 'fetch', k, 'output_file'));
    if (job.fetch !== undefined && job.uris !== undefined) report(diagnose('E_JOB_FETCH_AND_URIS', toPointer('jobs', i, 'uris'), {}, { at: 'key' }));
    (job.constraints ?? []).forEach((c, k) => {
      if (!['EQUALS', 'LIKE', 'UNLIKE'].includes(c[1])) report(diagnose('E_JOB_CONSTRAINT', toPointer('jobs', i, 'constraints', k, 1), { op: c[1] }));
    });
  });
};

export const dockerJobsHaveDocker: Rule = ({ spec, report }) => {
  if (agentsUseDocker(spec)) return;
  spec.jobs.forEach((job, i) => {
    if (isDockerJob(job)) report(diagnose('E_WORKLOAD_NEEDS_DOCKER', toPointer('jobs', i, 'container'), { kind: 'job' }));
  });
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
