// Every message mesosgen shows about a spec, by stable code. Each says what is wrong and what to do.
// Codes starting with E_ are errors, W_ warnings (errors too under --strict). Tests compare codes and
// pointers; the text may be improved freely.

type Entry<P> = { severity: 'error' | 'warning'; text: (p: P) => string };
const error = <P = Record<string, never>>(text: (p: P) => string): Entry<P> => ({ severity: 'error', text });
const warning = <P = Record<string, never>>(text: (p: P) => string): Entry<P> => ({ severity: 'warning', text });

export const MESSAGES = {
  // reading the file
  E_JSON_SYNTAX: error<{ detail: string }>((p) => `invalid JSON: ${p.detail}; fix the syntax at this position`),
  E_YAML_SYNTAX: error<{ detail: string }>((p) => `invalid YAML: ${p.detail}; fix the syntax at this position`),
  E_JSON_DUPLICATE_KEY: error<{ key: string }>((p) => `key "${p.key}" appears twice in the same object; readers silently keep only one, so remove one of them`),

  // structure (JSON Schema)
  E_UNKNOWN_KEY: error<{ key: string; hint: string }>((p) => `unknown key "${p.key}"${p.hint || '; remove it'}`),
  E_REQUIRED: error<{ key: string }>((p) => `required key "${p.key}" is missing; add it`),
  E_TYPE: error<{ expected: string; found: string }>((p) => `must be ${p.expected}, found ${p.found}`),
  E_ENUM: error<{ allowed: string; hint: string }>((p) => `must be one of ${p.allowed}${p.hint}`),
  E_PATTERN: error<{ value: string; rule: string }>((p) => `${JSON.stringify(p.value)} is not allowed here: ${p.rule}`),
  E_RANGE: error<{ limit: string }>((p) => `out of range: must be ${p.limit}`),
  E_LENGTH: error<{ limit: string }>((p) => `invalid length: ${p.limit}`),
  E_ITEMS: error<{ detail: string }>((p) => p.detail),
  E_SCHEMA: error<{ detail: string }>((p) => p.detail),
  E_NUMBER_INEXACT: error<{ why: string }>(
    (p) => `this number ${p.why}; write it as a plain decimal within what the program accepts (docs/SPEC.md gives each field's range)`,
  ),
  E_VALUE_UNSAFE_CHAR: error<{ char: string; position: number; what: string }>(
    (p) =>
      `this ${p.what} holds ${p.char} at character ${p.position}; every value that reaches a configuration ` +
      `file must be one line of visible, printable text (cloud-init's YAML reader, the shell and systemd ` +
      `would each split a line break differently, and a bidi or zero-width character makes reviewers read ` +
      `something else), so remove it`,
  ),

  // versions
  E_VERSION_UNSUPPORTED: error<{ software: string; version: string; supported: string }>(
    (p) => `${p.software} ${p.version} is not supported; use ${p.supported}`,
  ),

  // hosts
  E_HOST_DUPLICATE_NAME: error<{ name: string; first: string }>((p) => `host name "${p.name}" is already used by ${p.first}; host names must be unique`),
  E_HOST_DUPLICATE_IP: error<{ ip: string; first: string }>((p) => `IP ${p.ip} is already used by ${p.first}; every host needs its own address`),
  E_IP_INVALID: error<{ ip: string }>((p) => `"${p.ip}" is not an IPv4 address; write four decimal numbers 0-255 without leading zeros, e.g. 192.168.1.10`),
  E_IP_UNSPECIFIED: error<{ ip: string }>((p) => `${p.ip} means "any address" and cannot be advertised to other hosts; use the host's own address`),
  E_IP_NOT_UNICAST: error<{ ip: string; kind: string }>((p) => `${p.ip} is a ${p.kind} address; use the host's own unicast address`),
  E_IP_LOOPBACK: error<{ ip: string }>(
    (p) =>
      `${p.ip} is a loopback address: no other host can reach this host through it, and Ansible would take ` +
      `it for the control node; use the host's own address (for a test cluster on one machine, set ` +
      `/cluster/loopback to "allow")`,
  ),
  E_HOST_NAME_LOOPBACK: error<{ name: string; why: string }>((p) => `host name "${p.name}" ${p.why}; give the host its own name`),
  W_HOST_FIELDS_UNUSED: warning<{ field: string }>((p) => `"${p.field}" only applies to agents and this host has no "agent" role; remove it or add the role`),

  W_ADVERTISE_UNRESOLVED: warning<{ etcHosts: string }>(
    (p) =>
      `Mesos advertises host names, but the /etc/hosts block lists ` +
      `${p.etcHosts === 'none' ? 'no hosts' : 'only the masters'}; make sure DNS resolves every host name, ` +
      `or leave "etcHosts" out (the default, "needed", lists what each host must resolve)`,
  ),
  W_ETC_HOSTS_QUADRATIC: warning<{ hosts: number; perHost: string; total: string }>(
    (p) =>
      `"all" lists every one of the ${p.hosts} hosts on every host, so the output grows with the square of ` +
      `the cluster: about ${p.perHost} more per host, ${p.total} in all; leave "etcHosts" out (the ` +
      `default, "needed", lists what each host must resolve) unless every host really must resolve every ` +
      `other by name`,
  ),

  // roles and ZooKeeper
  E_NO_MASTER: error(() => `no host has the "master" role; add "master" to the roles of 1, 3 or 5 hosts`),
  W_NO_AGENT: warning(() => `no host has the "agent" role, so the cluster cannot run tasks; add "agent" to at least one host`),
  E_ZKID_MISSING: error<{ host: string }>(
    (p) => `master "${p.host}" runs ZooKeeper and needs an explicit "zookeeperId" (1-255, unique); ids are never derived from list order`,
  ),
  E_ZKID_DUPLICATE: error<{ id: number; first: string }>((p) => `zookeeperId ${p.id} is already used by ${p.first}; every ZooKeeper member needs its own id`),
  W_ZKID_NOT_MEMBER: warning<{ host: string }>((p) => `"${p.host}" is not a master, so it runs no ZooKeeper and its zookeeperId is ignored; remove it`),
  E_ZK_PATH_INVALID: error<{ path: string; why: string }>((p) => `ZooKeeper path "${p.path}" ${p.why}`),
  E_QUORUM_MINORITY: error<{ quorum: number; masters: number; majority: number }>(
    (p) => `quorum ${p.quorum} is not a majority of ${p.masters} masters; use ${p.majority} or leave it out (the default is the majority)`,
  ),
  E_QUORUM_TOO_LARGE: error<{ quorum: number; masters: number; majority: number }>(
    (p) => `quorum ${p.quorum} is more than the ${p.masters} masters, so the registry can never be written; use ${p.majority} or leave it out`,
  ),
  W_MASTERS_EVEN: warning<{ masters: number; tolerated: number; odd: number }>(
    (p) =>
      `${p.masters} masters tolerate ${p.tolerated === 0 ? 'no failure' : `only ${p.tolerated} failure${p.tolerated > 1 ? 's' : ''}`}, ` +
      `no more than ${p.masters - 1} would; use an odd number such as ${p.odd}`,
  ),

  // Mesos
  E_PORT_COLLISION: error<{ port: number; service: string; other: string; host: string }>(
    (p) => `port ${p.port} of ${p.service} is also used by ${p.other} on host "${p.host}"; give each service its own port`,
  ),
  E_WORKDIR_RELATIVE: error<{ path: string }>((p) => `work directory "${p.path}" must be an absolute path, e.g. /var/lib/mesos`),
  W_WORKDIR_TMP: warning<{ path: string }>(
    (p) => `work directory "${p.path}" is under /tmp, which is cleared on reboot and loses the registry or checkpoints; use /var/lib/mesos/...`,
  ),
  E_WORKDIR_SHARED: error<{ path: string; host: string }>(
    (p) => `master and agent on "${p.host}" would share work directory "${p.path}"; give them separate directories`,
  ),
  E_DURATION: error<{ value: string }>(
    (p) => `"${p.value}" is not a Mesos duration; write a number and a unit (ns, us, ms, secs, mins, hrs, days, weeks), e.g. 5mins`,
  ),
  E_RESOURCE_PORTS: error<{ detail: string }>((p) => `invalid port ranges: ${p.detail}`),
  E_PORT_IN_OFFER_RANGE: error<{ port: number; service: string; range: string; host: string }>(
    (p) =>
      `port ${p.port} of ${p.service} lies in the port range ${p.range} that the agent on "${p.host}" offers to tasks, so a task may be given it; ` +
      `move the service or narrow the host's resources.ports`,
  ),
  W_ADMIN_SERVER_UNAVAILABLE: warning<{ version: string }>(
    (p) => `ZooKeeper ${p.version} has no AdminServer (it arrived in 3.5), so this setting is ignored; remove it or raise versions.zookeeper`,
  ),
  E_ZK_PATH_OVERLAP: error<{ path: string; other: string; otherField: string }>(
    (p) => `ZooKeeper path "${p.path}" overlaps ${p.otherField} ("${p.other}"); each program needs its own chroot, e.g. /mesos, /marathon, /chronos`,
  ),
  E_AGENT_FAILOVER_FLAGS: error<{ flag: string }>((p) => `/mesos/master/agentFailoverTimeout already sets "${p.flag}"; remove one of the two`),
  W_AGENT_FAILOVER_SHORT: warning<{ value: string; session: string }>(
    (p) =>
      `agents are declared lost after ${p.value}, less than the ZooKeeper session timeout ${p.session}; a ` +
      `master fail-over could then mark healthy agents unreachable, so use a longer timeout`,
  ),

  // Docker, Marathon and Chronos
  E_DOCKER_DISABLED: error(
    () => `the agents' containerizers include "docker" but /docker/enabled is false; enable Docker or remove "docker" from the containerizers`,
  ),
  W_EXECUTOR_TIMEOUT_SHORT: warning<{ value: string }>(
    (p) =>
      `executorRegistrationTimeout ${p.value} is shorter than the 10mins Marathon's docs advise for Docker ` +
      `agents, so slow image pulls fail the task; use 10mins`,
  ),
  W_TASK_LAUNCH_TIMEOUT_SHORT: warning<{ launch: number; executor: string; executorMs: number }>(
    (p) =>
      `Marathon kills a task that is not running after task_launch_timeout ${p.launch} ms, before the ` +
      `agent's executorRegistrationTimeout ${p.executor} runs out; ` +
      `set /marathon/flags/task_launch_timeout to at least ${p.executorMs}`,
  ),
  E_MARATHON_VALUE_UNSAFE: error<{ flag: string }>(
    (p) => `flag "${p.flag}" contains ' or \\, which cannot be written safely to /etc/default/marathon; remove the character`,
  ),
  // pass-through flags
  E_FLAG_UNKNOWN: error<{ flag: string; binary: string; version: string; hint: string }>(
    (p) => `${p.binary} ${p.version} has no flag "${p.flag}"${p.hint || '; remove it'}`,
  ),
  E_FLAG_MANAGED: error<{ flag: string; field: string }>((p) => `flag "${p.flag}" is managed by mesosgen; ${p.field}`),
  E_FLAG_TYPE: error<{ flag: string; expected: string }>((p) => `flag "${p.flag}" must be ${p.expected}`),
  E_FLAG_VERSION: error<{ flag: string; program: string; since: string; version: string }>(
    (p) => `flag "${p.flag}" exists only from ${p.program} ${p.since} on, and ${p.version} is pinned; remove it or raise the version in /versions`,
  ),
  E_FLAG_REMOVED: error<{ flag: string; program: string; removed: string; version: string; since: string }>(
    (p) =>
      `flag "${p.flag}" was removed in ${p.program} ${p.removed}, and ${p.version} is pinned; an unknown flag stops ${p.program} at start-up, so remove it`,
  ),
  E_FLAG_DUPLICATE_ALIAS: error<{ flag: string; alias: string }>(
    (p) => `"${p.alias}" is the deprecated name of "${p.flag}", which is also set; Mesos refuses a flag loaded twice, so keep only "${p.flag}"`,
  ),
  W_FLAG_DEPRECATED: warning<{ flag: string; alias: string }>((p) => `"${p.alias}" is deprecated; use "${p.flag}"`),
  W_FLAG_BUILD_OPTION: warning<{ flag: string; build: string }>(
    (p) => `flag "${p.flag}" exists only in Mesos builds with the ${p.build}; mesos fails to start if the installed build lacks it`,
  ),

  // packages
  E_PACKAGES_SECTION_MISSING: error<{ source: string; section: string }>(
    (p) => `packages.source is "${p.source}" but /packages/${p.section} is missing; add it or choose another source`,
  ),
  W_PACKAGES_SECTION_UNUSED: warning<{ section: string; source: string }>(
    (p) => `/packages/${p.section} is ignored because packages.source is "${p.source}"; remove it or set source to "${p.section}"`,
  ),
  W_REPOSITORY_RETIRED: warning<{ url: string }>(
    (p) =>
      `${p.url} is Mesosphere's public repository, which was retired and no longer serves packages; mirror ` +
      `the packages you need and use "source": "bundle" for offline installs`,
  ),
  E_BUNDLE_DUPLICATE: error<{ name: string; first: string }>((p) => `"${p.name}" is already listed at ${p.first}; list each file once`),
  E_FILE_UNREADABLE: error<{ file: string; tried: string; reason: string }>(
    (p) => `cannot read ${p.file} (${p.reason}; tried ${p.tried}); give a regular file, by an absolute path or one relative to the spec file's directory`,
  ),
  E_BUNDLE_CHECKSUM: error<{ file: string; actual: string }>(
    (p) => `${p.file} has SHA-256 ${p.actual}, not the one listed; the file was changed or the list is wrong: check the file's origin, then fix one of them`,
  ),
  E_REPOSITORY_KEY_INVALID: error<{ file: string }>(
    (p) => `${p.file} is not an ASCII-armored OpenPGP public key; export it with \`gpg --armor --export KEYID > ${p.file}\``,
  ),
  E_DEB_INVALID: error<{ file: string; reason: string }>((p) => `${p.file} is not a usable Debian package: ${p.reason}`),
  W_BUNDLE_DEPENDENCY_MISSING: warning<{ roles: string; package: string; needs: string }>(
    (p) =>
      `${p.package} (shipped to ${p.roles}) needs ${p.needs}, which no package bundled for them provides; ` +
      `unless the target image has it, the offline install fails at apt: add its .deb, or give the image's ` +
      `package list in /packages/bundle/base to check`,
  ),
  E_BUNDLE_DEPENDENCY_MISSING: error<{ roles: string; package: string; needs: string }>(
    (p) =>
      `${p.package} (shipped to ${p.roles}) needs ${p.needs}, which neither a package bundled for them nor ` +
      `the image's package list (/packages/bundle/base) provides; the offline install would fail at apt: ` +
      `add its .deb to the bundle`,
  ),
  W_BUNDLE_UNLISTED: warning<{ file: string }>(
    (p) => `${p.file} is in the bundle directory but not listed in /packages/bundle/files, so it is not shipped; list it or remove it`,
  ),
  W_BUNDLE_PACKAGE_MISSING: warning<{ role: string; package: string }>(
    (p) =>
      `no bundled file provides package "${p.package}", which ${p.role}s need; install.sh cannot install it offline, so add its .deb (and its dependencies)`,
  ),
  W_BUNDLE_VERSION_MISMATCH: warning<{ file: string; version: string; software: string; pinned: string }>(
    (p) => `${p.file} is ${p.software} ${p.version}, but versions pins ${p.pinned}; flags are checked against the pinned version, so make them agree`,
  ),

  // Marathon apps
  E_APP_ID_INVALID: error<{ id: string; why: string }>((p) => `app id "${p.id}" ${p.why}`),
  E_APP_ID_DUPLICATE: error<{ id: string; first: string }>((p) => `app id ${p.id} is already used by ${p.first}; app ids must be unique`),
  E_APP_CMD_AND_ARGS: error(() => `an app has either "cmd" or "args", not both (Marathon refuses it); keep one`),
  E_APP_NOTHING_TO_RUN: error(() => `the app has no "cmd", "args" or "container", so Marathon has nothing to run; add one`),
  E_APP_NETWORK_MIXED: error(
    () =>
      `container.docker.network is the deprecated form of "networks"; Marathon refuses both together ` +
      `("cannot mix deprecated and canonical network APIs"), so keep "networks"`,
  ),
  E_APP_NETWORK_UNSUPPORTED: error<{ why: string }>((p) => `unsupported networks: ${p.why}`),
  E_APP_PORTMAPPINGS_BOTH: error(
    () => `container.docker.portMappings is the deprecated form of container.portMappings; Marathon refuses both, so keep container.portMappings`,
  ),
  W_APP_LEGACY_FORM: warning<{ field: string; version: string; written: string }>(
    (p) => `${p.field} is deprecated; for Marathon ${p.version} it is written as ${p.written}; write that in the spec instead`,
  ),
  E_APP_CONSTRAINT: error<{ why: string }>((p) => `invalid constraint: ${p.why}`),
  E_APP_HOST_PORT_RANGE: error<{ port: number; ranges: string }>(
    (p) =>
      `host port ${p.port} is outside every agent's offered port range (${p.ranges}), so Marathon can ` +
      `never place the app; use 0 (any port) or a port inside a range`,
  ),
  E_APP_HOST_PORT_COLLISION: error<{ port: number; first: string }>(
    (p) => `host port ${p.port} is also requested by ${p.first}; two tasks cannot bind the same port on one agent, so use 0 or another port`,
  ),
  E_WORKLOAD_NEEDS_DOCKER: error<{ kind: string }>(
    (p) =>
      `this ${p.kind} runs a Docker container, but no agent has the docker containerizer; add "docker" to /mesos/agent/containerizers (and enable /docker)`,
  ),
  E_WORKLOAD_TOO_BIG: error<{ kind: string; cpus: number; mem: number; largest: string }>(
    (p) =>
      `this ${p.kind} asks for ${p.cpus} cpus and ${p.mem} MB, more than any agent offers (largest: ${p.largest}); lower it or give an agent more resources`,
  ),

  E_WORKLOAD_FRAMEWORK_DISABLED: error<{ kind: string; framework: string }>(
    (p) => `there are ${p.kind} but /${p.framework.toLowerCase()}/enabled is false, so nothing would run them; enable ${p.framework} or remove them`,
  ),
  E_HOST_NAME_RESERVED: error<{ name: string }>(
    (p) => `host name "${p.name}" is reserved: tarballs/${p.name}.tar.gz holds the cluster's apps and jobs; rename the host`,
  ),

  // Chronos jobs
  E_JOB_NAME_INVALID: error<{ name: string; version: string; rule: string }>((p) => `job name "${p.name}" is not accepted by Chronos ${p.version}: ${p.rule}`),
  E_JOB_NAME_DUPLICATE: error<{ name: string; first: string }>((p) => `job name "${p.name}" is already used by ${p.first}; job names must be unique`),
  E_JOB_SCHEDULE_INVALID: error<{ part: string; value: string; why: string }>((p) => `schedule ${p.part} ${JSON.stringify(p.value)} ${p.why}`),
  E_JOB_TRIGGER: error<{ why: string }>((p) => `a job needs either "schedule" or "parents": ${p.why}`),
  E_JOB_PARENT_UNKNOWN: error<{ parent: string; hint: string }>((p) => `parent job "${p.parent}" is not in /jobs${p.hint || '; add it or fix the name'}`),
  E_JOB_CYCLE: error<{ cycle: string }>((p) => `jobs depend on each other in a cycle (${p.cycle}), so none of them would ever run; break the cycle`),
  E_JOB_TIMEZONE: error<{ zone: string; hint: string }>((p) => `"${p.zone}" is not a time zone name${p.hint || '; use one such as Europe/Madrid or UTC'}`),
  E_JOB_CONSTRAINT: error<{ op: string }>(
    (p) => `constraint operator "${p.op}" is not one Chronos knows (EQUALS, LIKE, UNLIKE); Chronos would silently drop the constraint`,
  ),
  E_JOB_FETCH_AND_URIS: error(() => `"uris" is the deprecated form of "fetch"; Chronos refuses both (400), so keep "fetch"`),
  W_JOB_FIELD_IGNORED: warning<{ field: string; version: string; why: string }>(
    (p) => `"${p.field}" is ignored by Chronos ${p.version} (${p.why}); remove it or change versions.chronos`,
  ),

  // secrets and authentication
  E_SECRET_INLINE: error(
    () =>
      `a secret is never written in the spec (it would end up in version control and reviews); reference ` +
      `it: {"secret": {"file": "secrets/name.txt"}} or {"secret": {"env": "NAME_SECRET"}}`,
  ),
  E_SECRET_UNREADABLE: error<{ file: string; tried: string; reason: string }>(
    (p) =>
      `cannot read secret file ${p.file} (${p.reason}; tried ${p.tried}); give a regular file of at most ` +
      `64 KiB, by an absolute path or one relative to the spec file's directory`,
  ),
  E_SECRET_ENV_MISSING: error<{ env: string }>((p) => `environment variable ${p.env} is not set; export it before running mesosgen`),
  E_SECRET_UNSAFE: error<{ why: string }>(
    (p) => `the secret cannot be used: ${p.why}; use letters, digits and punctuation other than quotes, backslash, "@" and "/"`,
  ),
  W_USER_DATA_LARGE: warning<{ hosts: number; host: string; kb: number }>(
    (p) =>
      `the cloud-init user data of ${p.hosts} host${p.hosts === 1 ? '' : 's'} is over 16 KB even gzipped ` +
      `(largest: ${p.host}'s cloud-init.yaml.gz, ${p.kb} KB), more than some clouds accept (AWS); deliver ` +
      `those hosts by their tarball's install.sh instead, or shrink what they carry (an "all" /etc/hosts ` +
      `block, large secret files)`,
  ),
  W_USERDATA_SECRETS: warning<{ fields: string }>(
    (p) =>
      `the secrets of ${p.fields} go into the cloud-init user data (cloud-init.yaml) of the hosts that ` +
      `need them, which many clouds let any local user read through the metadata service and keep under ` +
      `/var/lib/cloud; set "userDataSecrets": "omit" here to leave them out (the host then takes them from ` +
      `its tarball or /var/lib/mesosgen-secrets/<host>/), or "include" to accept this`,
  ),
  E_AUTH_INCOMPLETE: error<{ what: string; needs: string }>((p) => `${p.what} needs ${p.needs}`),
  E_PRINCIPAL_DUPLICATE: error<{ principal: string; first: string }>(
    (p) => `principal "${p.principal}" is also used by ${p.first}; the masters' credentials file holds one secret per principal, so give each its own`,
  ),
  W_SECRET_ON_COMMAND_LINE: warning<{ what: string }>(
    (p) =>
      `${p.what} reaches the daemon only as a command-line flag, so it is visible in the process list of the masters; use it only where that is acceptable`,
  ),
} as const;

export type Code = keyof typeof MESSAGES;
export type MessageParams<C extends Code> = Parameters<(typeof MESSAGES)[C]['text']>[0];

/**
 * What `mesosgen verify` finds when it compares a build with the live cluster, by stable code. Each
 * text gets the finding's key and its shown expected and found values (already escaped and cut).
 * `unreachable` codes mean the check could not be made (exit 3); the others are drift (exit 1).
 */
type VerifyEntry = { unreachable?: true; text: (f: { key: string; expected: string; found: string }) => string };
export const VERIFY_MESSAGES = {
  V_UNREACHABLE: { unreachable: true, text: (f) => `${f.key} did not answer: ${f.found}; check that the daemon runs and the address is right (--hosts)` },
  V_BAD_ANSWER: { unreachable: true, text: (f) => `${f.key} ${f.found}; it is not the answer this daemon gives` },
  V_AUTH_REFUSED: {
    unreachable: true,
    text: (f) => `${f.key} ${f.found}; give the operator's credentials (--mesos-credentials, or the build's secret files or --secrets DIR)`,
  },
  V_VERSION: { text: (f) => `${f.key} runs version ${f.found}, the build pins ${f.expected}` },
  V_FLAG_VALUE: { text: (f) => `flag ${f.key} is ${f.found} on the running daemon, the build gives ${f.expected}; restart it or install the build again` },
  V_FLAG_UNSET: { text: (f) => `flag ${f.key} is not set on the running daemon, the build gives ${f.expected}; restart it or install the build again` },
  V_NO_LEADER: { text: (f) => `${f.key}: ${f.found}; a cluster whose masters elect no leader runs nothing` },
  V_AGENT_MISSING: { text: (f) => `agent ${f.key} is not registered with the leading master (expected at ${f.expected}); start mesos-slave on it` },
  V_AGENT_INACTIVE: { text: (f) => `agent ${f.key} is registered but ${f.found}; the master sends it no offers` },
  V_AGENT_FIELD: {
    text: (f) => `the agent registered with ${f.key} ${f.found}, the build gives ${f.expected}; restart mesos-slave (its work_dir may need clearing)`,
  },
  V_AGENT_EXTRA: { text: (f) => `an agent the build does not have is registered: ${f.found}; add it to the spec or stop it` },
  V_MARATHON_CONFIG: { text: (f) => `Marathon's ${f.key} is ${f.found}, the build gives ${f.expected}; restart marathon or install the build again` },
  V_APP_MISSING: { text: (f) => `app ${f.key} is not in Marathon; run cluster/deploy.sh` },
  V_APP_FIELD: {
    text: (f) => `app field ${f.key} is ${f.found} in Marathon, the build sends ${f.expected}; run cluster/deploy.sh or put the change in the spec`,
  },
  V_APP_EXTRA: { text: (f) => `Marathon runs app ${f.key}, which the build does not have; add it to the spec or delete it` },
  V_JOB_MISSING: { text: (f) => `job ${f.key} is not in Chronos; run cluster/deploy.sh` },
  V_JOB_FIELD: {
    text: (f) => `job field ${f.key} is ${f.found} in Chronos, the build sends ${f.expected}; run cluster/deploy.sh or put the change in the spec`,
  },
  V_JOB_EXTRA: { text: (f) => `Chronos has job ${f.key}, which the build does not have; add it to the spec or delete it` },
  V_ZK_MODE: { text: (f) => `ZooKeeper ${f.key} is ${f.found}, expected ${f.expected}` },
  V_ZK_CONF: { text: (f) => `ZooKeeper's ${f.key} is ${f.found}, zoo.cfg and myid give ${f.expected}; restart zookeeper or install the build again` },
  V_ZK_LEADERS: { text: (f) => `the ZooKeeper ensemble has ${f.found}, expected ${f.expected}` },
} satisfies Record<string, VerifyEntry>;

export type VerifyCode = keyof typeof VERIFY_MESSAGES;
