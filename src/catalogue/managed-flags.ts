// Flags mesosgen sets itself, refused in `flags` with the field to use instead, for mesos-master,
// mesos-slave, Marathon and Chronos. Setting one twice (for example `port` as a flag file and PORT= in
// /etc/default/mesos-master) stops the daemon: Mesos exits with "Flag 'port' is already loaded",
// scallop (Marathon, Chronos) with "wrong arguments format".

const NOT_CONFIG = 'it is not a configuration flag; remove it';
const LOGS = 'the package passes --log_dir from LOGS in /etc/default/mesos; remove it';
const HOSTNAME = 'set /cluster/advertise ("ip" or "name") instead';
const IP = 'set each host\'s "ip" instead';

export const MANAGED_MASTER_FLAGS: Record<string, string> = {
  cluster: 'set /cluster/name instead',
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  ip: IP,
  log_dir: LOGS,
  port: 'set /mesos/master/port instead (written as PORT= in /etc/default/mesos-master)',
  quorum: 'set /mesos/master/quorum instead, or leave it out for the majority',
  version: NOT_CONFIG,
  work_dir: 'set /mesos/master/workDir instead',
  zk: 'it is written to /etc/mesos/zk from the masters; set /zookeeper (clientPort, mesosPath) instead',
};

export const MANAGED_AGENT_FLAGS: Record<string, string> = {
  attributes: 'set "attributes" on the host instead',
  containerizers: 'set /mesos/agent/containerizers instead',
  executor_registration_timeout: 'set /mesos/agent/executorRegistrationTimeout instead',
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  ip: IP,
  log_dir: LOGS,
  master: 'it is read from /etc/mesos/zk (MASTER in /etc/default/mesos-slave); set /zookeeper instead',
  port: 'set /mesos/agent/port instead',
  resources: 'set "resources" on the host instead',
  version: NOT_CONFIG,
  work_dir: 'set /mesos/agent/workDir instead',
};

export const MANAGED_MARATHON_FLAGS: Record<string, string> = {
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  http_port: 'set /marathon/httpPort instead',
  master: 'it is the Mesos zk URL from /zookeeper; set /zookeeper instead',
  version: NOT_CONFIG,
  zk: 'it is built from the masters and /marathon/zkPath; set /marathon/zkPath instead',
};

export const MANAGED_CHRONOS_FLAGS: Record<string, string> = {
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  http_port: 'set /chronos/httpPort instead',
  master: 'it is the Mesos zk URL from /zookeeper; set /zookeeper instead',
  zk_hosts: 'it is the list of masters; set /zookeeper/clientPort instead',
  zk_path: 'set /chronos/zkPath instead',
};
