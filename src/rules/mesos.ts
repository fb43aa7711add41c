// Rules about versions, ports and directories of the Mesos daemons.
import { posix } from 'node:path';
import { parseDuration } from '../catalogue/flag-types.js';
import { SUPPORTED_MESOS, SUPPORTED_ZOOKEEPER, minorOf } from '../defaults.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';

export const versionsAreSupported: Rule = ({ spec, report }) => {
  const { mesos, zookeeper } = spec.versions;
  if (!SUPPORTED_MESOS.includes(minorOf(mesos))) {
    report(diagnose('E_VERSION_UNSUPPORTED', '/versions/mesos', { software: 'Mesos', version: mesos, supported: SUPPORTED_MESOS.map((v) => v + '.x').join(', ') }));
  }
  if (!SUPPORTED_ZOOKEEPER.includes(zookeeper)) {
    report(diagnose('E_VERSION_UNSUPPORTED', '/versions/zookeeper', { software: 'ZooKeeper', version: zookeeper, supported: SUPPORTED_ZOOKEEPER.join(', ') }));
  }
};

interface Service {
  name: string;
  port: number;
  path: string;
}

export const portsDoNotCollide: Rule = ({ spec, report }) => {
  const zk = spec.zookeeper;
  const masterServices: Service[] = [
    { name: 'ZooKeeper clientPort', port: zk.clientPort, path: '/zookeeper/clientPort' },
    { name: 'ZooKeeper peerPort', port: zk.peerPort, path: '/zookeeper/peerPort' },
    { name: 'ZooKeeper electionPort', port: zk.electionPort, path: '/zookeeper/electionPort' },
    { name: 'mesos-master', port: spec.mesos.master.port, path: '/mesos/master/port' },
  ];
  const agentServices: Service[] = [{ name: 'mesos-slave', port: spec.mesos.agent.port, path: '/mesos/agent/port' }];
  // Ports are cluster-wide settings, so each clash is reported once, naming the first host it hits.
  const reported = new Set<string>();
  for (const host of spec.hosts) {
    const services = [
      ...(host.roles.includes('master') ? masterServices : []),
      ...(host.roles.includes('agent') ? agentServices : []),
    ];
    services.forEach((service, k) => {
      const other = services.slice(0, k).find((s) => s.port === service.port);
      const key = `${other?.name}|${service.name}`;
      if (!other || reported.has(key)) return;
      reported.add(key);
      report(diagnose('E_PORT_COLLISION', service.path, { port: service.port, service: service.name, other: other.name, host: host.name }));
    });
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
