// Every default mesosgen applies, in one place. spec/resolve.ts fills a written spec from these; `mesosgen
// init` prints them. Templates never see an unset value.

export const DEFAULTS = {
  cluster: { advertise: 'ip' as 'ip' | 'name', etcHosts: 'needed' as 'needed' | 'all' | 'masters' | 'none', loopback: 'refuse' as 'refuse' | 'allow' },
  versions: { mesos: '1.9.0', marathon: '1.9.109', chronos: '3.0.2', zookeeper: '3.4' },
  zookeeper: {
    clientPort: 2181,
    peerPort: 2888,
    electionPort: 3888,
    mesosPath: '/mesos',
    // The Debian package's zoo.cfg values.
    tickTime: 2000,
    initLimit: 10,
    syncLimit: 5,
    maxClientCnxns: 60,
    autopurge: { snapRetainCount: 3, purgeInterval: 24 },
    // Off: it would take port 8080, Marathon's default.
    adminServer: { enabled: false, port: 8080 },
  },
  // Above the packaged LimitNOFILE=16384 and the wrapper's ULIMIT="-n 8192".
  mesos: { limitNOFILE: 65536 },
  master: { port: 5050, workDir: '/var/lib/mesos/master' },
  agent: {
    port: 5051,
    workDir: '/var/lib/mesos/agent',
    containerizers: ['mesos'] as Array<'docker' | 'mesos'>,
    // Mesos' own default, written out so reviewers see it.
    executorRegistrationTimeout: '1mins',
    // Marathon's docs (native-docker.md): allow for pulling the image.
    dockerExecutorRegistrationTimeout: '10mins',
  },
  marathon: { enabled: true, httpPort: 8080, zkPath: '/marathon' },
  // 4400 is what the Chronos package ships in /etc/chronos/conf/http_port (the code default is 8080).
  chronos: { enabled: true, httpPort: 4400, zkPath: '/chronos' },
  docker: { enabled: true, package: 'docker.io' },
  packages: { source: 'none' as 'none' | 'repository' | 'bundle', components: ['main'] },
} as const;

/** Mesos minor versions with a flag catalogue. */
export const SUPPORTED_MESOS = ['1.9', '1.10', '1.11'];
/** Marathon minor versions with a flag catalogue. */
export const SUPPORTED_MARATHON = ['1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'];
/** Chronos minor versions with a flag catalogue. */
export const SUPPORTED_CHRONOS = ['2.4', '2.5', '3.0'];
/** ZooKeeper release lines whose zoo.cfg format mesosgen writes. */
export const SUPPORTED_ZOOKEEPER = ['3.4', '3.5', '3.6', '3.7', '3.8'];
