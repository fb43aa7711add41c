// Rules about versions, directories and timeouts of the Mesos daemons.
import { posix } from 'node:path';
import { parseDuration } from '../catalogue/flag-types.js';
import { SUPPORTED_CHRONOS, SUPPORTED_MARATHON, SUPPORTED_MESOS, SUPPORTED_ZOOKEEPER } from '../spec/defaults.js';
import { minorOf } from '../util/version.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import { agentFailover } from '../spec/failover.js';
import type { Rule } from './rule.js';

export const versionsAreSupported: Rule = ({ spec, report }) => {
  const lines = [
    { software: 'Mesos', key: 'mesos', supported: SUPPORTED_MESOS, line: minorOf(spec.versions.mesos), x: '.x' },
    { software: 'Marathon', key: 'marathon', supported: SUPPORTED_MARATHON, line: minorOf(spec.versions.marathon), x: '.x' },
    { software: 'Chronos', key: 'chronos', supported: SUPPORTED_CHRONOS, line: minorOf(spec.versions.chronos), x: '.x' },
    { software: 'ZooKeeper', key: 'zookeeper', supported: SUPPORTED_ZOOKEEPER, line: spec.versions.zookeeper, x: '' },
  ] as const;
  for (const { software, key, supported, line, x } of lines) {
    if (supported.includes(line)) continue;
    const version = spec.versions[key];
    report(diagnose('E_VERSION_UNSUPPORTED', `/versions/${key}`, { software, version, supported: supported.map((v) => v + x).join(', ') }));
  }
};

export const workDirsAreUsable: Rule = ({ spec, report }) => {
  const dirs = [
    { path: '/mesos/master/workDir', dir: spec.mesos.master.workDir },
    { path: '/mesos/agent/workDir', dir: spec.mesos.agent.workDir },
  ];
  for (const { path, dir } of dirs) {
    if (!dir.startsWith('/')) report(diagnose('E_WORKDIR_RELATIVE', path, { path: dir }));
    else if (dir === '/tmp' || dir.startsWith('/tmp/')) report(diagnose('W_WORKDIR_TMP', path, { path: dir }));
  }
  const [master, agent] = dirs.map((d) => posix.normalize(d.dir).replace(/(.)\/$/, '$1'));
  const dual = spec.hosts.find((h) => h.roles.includes('master') && h.roles.includes('agent'));
  if (dual && master === agent) report(diagnose('E_WORKDIR_SHARED', '/mesos/agent/workDir', { path: agent, host: dual.name }));
};

export const executorTimeoutIsDuration: Rule = ({ spec, report }) => {
  const value = spec.mesos.agent.executorRegistrationTimeout;
  if (parseDuration(value) === undefined) report(diagnose('E_DURATION', '/mesos/agent/executorRegistrationTimeout', { value }));
};

export const agentFailoverIsExpressible: Rule = ({ spec, report }) => {
  const { agentFailoverTimeout, flags } = spec.mesos.master;
  if (agentFailoverTimeout === undefined) return;
  if (parseDuration(agentFailoverTimeout) === undefined) {
    report(diagnose('E_DURATION', '/mesos/master/agentFailoverTimeout', { value: agentFailoverTimeout }));
  }
  const names = ['agent_ping_timeout', 'slave_ping_timeout', 'max_agent_ping_timeouts', 'max_slave_ping_timeouts'];
  for (const flag of names.filter((n) => Object.hasOwn(flags, n))) {
    report(diagnose('E_AGENT_FAILOVER_FLAGS', `/mesos/master/flags/${flag}`, { flag }, { at: 'key' }));
  }
};

export const agentFailoverOutlastsZkSession: Rule = ({ spec, report }) => {
  const failover = agentFailover(spec);
  if (!failover || failover.totalMs >= failover.sessionMs) return;
  const path = spec.mesos.master.agentFailoverTimeout !== undefined ? '/mesos/master/agentFailoverTimeout' : '/mesos/master/flags';
  report(diagnose('W_AGENT_FAILOVER_SHORT', path, { value: failover.total, session: failover.session }));
};
