// Flags mesosgen sets itself, refused in `flags` with the field to use instead, for mesos-master,
// mesos-slave, Marathon and Chronos. Setting one twice (for example `port` as a flag file and PORT= in
// /etc/default/mesos-master) stops the daemon: Mesos exits with "Flag 'port' is already loaded",
// scallop (Marathon, Chronos) with "wrong arguments format".

const NOT_CONFIG = 'it is not a configuration flag; remove it';
const LOGS = 'the package passes --log_dir from LOGS in /etc/default/mesos; remove it';
const HOSTNAME = 'set /cluster/advertise ("ip" or "name") instead';
const IP = 'set each host\'s "ip" instead';

const FRAMEWORK_AUTH = 'set /mesos/master/authenticateFrameworks and the frameworks\' principal and secret instead';
const AGENT_AUTH = 'set /mesos/master/authenticateAgents and /mesos/agent/principal and secret instead';

export const MANAGED_MASTER_FLAGS: Record<string, string> = {
  authenticate_agents: AGENT_AUTH,
  authenticate_frameworks: FRAMEWORK_AUTH,
  credentials: 'it is generated from the principals in the spec (a 0600 file); set the principals and secrets instead',
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
  credential: AGENT_AUTH,
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

const MARATHON_AUTH = 'set /marathon/principal and /marathon/secret instead';

export const MANAGED_MARATHON_FLAGS: Record<string, string> = {
  http_credentials: 'set /marathon/httpCredentials instead (the password by reference)',
  mesos_authentication: MARATHON_AUTH,
  mesos_authentication_principal: MARATHON_AUTH,
  mesos_authentication_secret: MARATHON_AUTH,
  mesos_authentication_secret_file: MARATHON_AUTH,
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  http_port: 'set /marathon/httpPort instead',
  master: 'it is the Mesos zk URL from /zookeeper; set /zookeeper instead',
  version: NOT_CONFIG,
  zk: 'it is built from the masters and /marathon/zkPath; set /marathon/zkPath instead',
};

export const MANAGED_CHRONOS_FLAGS: Record<string, string> = {
  http_credentials: 'set /chronos/httpCredentials instead (the password by reference)',
  mesos_authentication_principal: 'set /chronos/principal and /chronos/secret instead',
  mesos_authentication_secret_file: 'set /chronos/principal and /chronos/secret instead',
  zk_auth: 'set /zookeeper/auth instead',
  help: NOT_CONFIG,
  hostname: HOSTNAME,
  http_port: 'set /chronos/httpPort instead',
  master: 'it is the Mesos zk URL from /zookeeper; set /zookeeper instead',
  zk_hosts: 'it is the list of masters; set /zookeeper/clientPort instead',
  zk_path: 'set /chronos/zkPath instead',
};
