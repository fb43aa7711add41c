// Which services read which generated file: install.sh restarts exactly the units whose files
// changed, and a change review can say what a change restarts. Paths are relative to /.

const RULES: Array<{ test: (path: string) => boolean; units: (path: string) => string[] }> = [
  { test: (p) => p.startsWith('etc/zookeeper/'), units: () => ['zookeeper.service'] },
  // /etc/mesos/zk and /etc/default/mesos are read by the wrapper for both daemons.
  { test: (p) => p === 'etc/mesos/zk' || p === 'etc/default/mesos', units: () => ['mesos-master.service', 'mesos-slave.service'] },
  { test: (p) => p === 'etc/default/mesos-master' || p.startsWith('etc/mesos-master/'), units: () => ['mesos-master.service'] },
  { test: (p) => p === 'etc/default/mesos-slave' || p.startsWith('etc/mesos-slave/'), units: () => ['mesos-slave.service'] },
  { test: (p) => p === 'etc/default/marathon' || p.startsWith('etc/marathon/'), units: () => ['marathon.service'] },
  { test: (p) => p === 'etc/default/chronos' || p.startsWith('etc/chronos/'), units: () => ['chronos.service'] },
  { test: (p) => /^etc\/systemd\/system\/[^/]+\.d\//.test(p), units: (p) => [p.split('/')[3].replace(/\.d$/, '')] },
];

/**
 * The units that read `path` (e.g. "etc/mesos-master/quorum" -> mesos-master.service). Files no
 * daemon reads (the /etc/hosts block, apt sources) give an empty list. Never fails.
 */
export function unitsReadingFile(path: string): string[] {
  return RULES.find((r) => r.test(path))?.units(path) ?? [];
}
