// Stage 5, render: one host's files from its plan. Pure: returns the files as data; output/emit.ts
// and output/pack.ts write them.
import { gzipSync } from 'node:zlib';
import { InternalError } from '../util/errors.js';
import { SECRET_MODE, type CliFlag, type FlagFile, type HostPlan } from '../plan/model.js';
import { ZOOKEEPER_CONFIG, ZOOKEEPER_MYID } from '../plan/systemd.js';
import { installContext, renderAptFiles, renderCloudInit } from './install.js';
import { byteOrder } from '../util/order.js';
import { flagFileContent } from '../util/escape.js';
import { sha256Hex } from '../util/hash.js';
import type { RenderedFile, Renderer, TemplateName } from './renderer.js';

/**
 * Renders every file of one host, sorted by path; with `delivery: false` only rootfs/ (no
 * install.sh, cloud-init.yaml or packages). With `deferGzip`, cloud-init.yaml.gz comes uncompressed,
 * marked `gzip`, for the caller to compress (emit does it on the thread pool). Throws InternalError when a template fails or the
 * result breaks an invariant (a flag both in an env file and as a flag file): mesosgen bugs, not
 * spec errors.
 */
// /etc/mesos/zk and /etc/default/mesos are read by the wrapper for both daemons.
const MESOS = ['mesos-master.service', 'mesos-slave.service'];
const ZOOKEEPER = ['zookeeper.service'];

export function renderHost(renderer: Renderer, host: HostPlan, options: { delivery?: boolean; deferGzip?: boolean } = {}): RenderedFile[] {
  const files: RenderedFile[] = [];
  // Each file is declared with the units that read it: install.sh and a review restart exactly those.
  const add = (readers: readonly string[], path: string, text: string, mode = 0o644) =>
    files.push({ path: `rootfs/${path}`, mode, content: Buffer.from(text), readers });
  const template = (readers: readonly string[], name: TemplateName, path: string, sharedKey?: object, context: object = host, mode = 0o644) => {
    try {
      add(readers, path, sharedKey ? renderer.renderShared(name, sharedKey, context) : renderer.render(name, context), mode);
    } catch (err) {
      if (err instanceof InternalError) throw err;
      throw new InternalError(`template ${name} failed for host ${host.name}: ${(err as Error).message}`);
    }
  };

  // No header: the wrapper reads the whole file as the value (ZK="$(cat /etc/mesos/zk)").
  add(MESOS, 'etc/mesos/zk', flagFileContent(host.mesosZkUrl));
  // The block is the same on every host: rendered once, not once per host (10,000 hosts x 10,000 lines).
  // Read by no daemon: install.sh merges it into /etc/hosts.
  if (host.etcHosts.length > 0) template([], 'hosts.njk', 'etc/mesosgen/hosts', host.etcHosts);
  if (host.zookeeper) {
    template(ZOOKEEPER, 'zoo.cfg.njk', ZOOKEEPER_CONFIG.slice(1));
    // ZooKeeper parses the first line without trimming: just the number.
    add(ZOOKEEPER, ZOOKEEPER_MYID.slice(1), `${host.zookeeper.myid}\n`);
  }
  // Replaces the packaged file, whose ULIMIT="-n 8192" would lower the open-file limit.
  template(MESOS, 'mesos.default.njk', 'etc/default/mesos', host.mesosDefaults);
  const zookeeperUnit = host.systemd.zookeeperUnit;
  if (zookeeperUnit) template(ZOOKEEPER, 'zookeeper.service.njk', 'etc/systemd/system/zookeeper.service', undefined, { unit: zookeeperUnit });
  for (const dropIn of host.systemd.dropIns) {
    template([dropIn.unit], 'dropin.conf.njk', `etc/systemd/system/${dropIn.unit}.d/mesosgen.conf`, undefined, { dropIn });
  }
  if (host.master) {
    const master = ['mesos-master.service'];
    template(master, 'mesos-master.default.njk', 'etc/default/mesos-master');
    addFlagFiles(add.bind(null, master), 'etc/mesos-master', host.master.flags, MASTER_ENV_FLAGS);
  }
  if (host.agent) {
    const agent = ['mesos-slave.service'];
    template(agent, 'mesos-slave.default.njk', 'etc/default/mesos-slave');
    addFlagFiles(add.bind(null, agent), 'etc/mesos-slave', host.agent.flags, AGENT_ENV_FLAGS);
    addFlagFiles(add.bind(null, agent), 'etc/mesos-slave/resources', host.agent.resources, new Set());
    addFlagFiles(add.bind(null, agent), 'etc/mesos-slave/attributes', host.agent.attributes, new Set());
  }
  if (host.marathon) {
    assertUniqueNames(host.marathon.flags, 'Marathon');
    // It carries MARATHON_* secrets (credentials, the Mesos secret) when there are any: then 0600.
    const secret = host.marathon.layout === 'env' && host.marathon.flags.some((f) => f.secret);
    const marathon = ['marathon.service'];
    template(marathon, 'marathon.default.njk', 'etc/default/marathon', undefined, host, secret ? SECRET_MODE : 0o644);
    if (host.marathon.layout === 'conf') addLauncherFiles(add.bind(null, marathon), 'etc/marathon/conf', host.marathon.flags);
  }
  if (host.chronos) {
    const chronos = ['chronos.service'];
    addLauncherFiles(add.bind(null, chronos), 'etc/chronos/conf', host.chronos.flags);
    if (host.chronos.env.length > 0) template(chronos, 'chronos.default.njk', 'etc/default/chronos', undefined, host, SECRET_MODE);
  }
  // Secret material: 0600, exactly the value (a trailing newline would become part of a secret).
  for (const secret of host.secretFiles) add(secret.readers, secret.path, secret.content, SECRET_MODE);
  // apt reads these; no service restarts for them.
  for (const apt of renderAptFiles(host)) add([], apt.path, apt.text);
  const rootfs = files.sort((a, b) => byteOrder(a.path, b.path));
  // A review compares rootfs only: install.sh and cloud-init.yaml restate it (see review/side.ts).
  if (options.delivery === false) return rootfs;
  // install.sh checks each file's sum, and the manifest lists it: computed once, here.
  const summed = rootfs.map((f) => ({ ...f, sha256: sha256Hex(f.content) }));
  return [...summed, ...renderDelivery(renderer, host, summed, options.deferGzip ?? false)].sort((a, b) => byteOrder(a.path, b.path));
}

/** The user data size AWS accepts (other clouds take 32-64 KB); larger user data also goes gzipped. */
export const USER_DATA_LIMIT = 16 * 1024;

// install.sh, cloud-init.yaml (and its .gz) and packages/ sit beside rootfs/ at the top of the host's tree.
function renderDelivery(renderer: Renderer, host: HostPlan, rootfs: RenderedFile[], deferGzip: boolean): RenderedFile[] {
  let script: string;
  try {
    script = renderer.render('install.sh.njk', installContext(host, rootfs));
  } catch (err) {
    throw new InternalError(`template install.sh.njk failed for host ${host.name}: ${(err as Error).message}`);
  }
  // cloud-init.yaml repeats every file, secrets included unless left out: then it is as private as they are.
  const secret = host.install.userDataSecrets === 'include' && rootfs.some((f) => f.mode === SECRET_MODE);
  const mode = secret ? SECRET_MODE : 0o644;
  const userData = Buffer.from(renderCloudInit(host, script, rootfs));
  // Some clouds take at most 16 KB of user data; cloud-init reads gzip user data as well.
  const gz: RenderedFile = deferGzip
    ? { path: 'cloud-init.yaml.gz', mode, content: userData, gzip: true }
    : { path: 'cloud-init.yaml.gz', mode, content: gzipSync(userData) };
  const gzipped = userData.length > USER_DATA_LIMIT ? [gz] : [];
  return [
    { path: 'install.sh', mode: 0o755, content: Buffer.from(script) },
    { path: 'cloud-init.yaml', mode, content: userData },
    ...gzipped,
    ...renderPackages(host),
  ];
}

/** The host's bundled .debs as files under packages/, copied as they are. */
export function renderPackages(host: HostPlan): RenderedFile[] {
  // gather checked each .deb's sum against its content.
  return host.install.packages.bundle.map((b) => ({ path: `packages/${b.file}`, mode: 0o644, content: b.content, sha256: b.sha256 }));
}

// Flags mesos-init-wrapper already passes from env files: PORT and ZK (mesosgen's
// /etc/default/mesos-master), MASTER (/etc/default/mesos-slave), LOGS (the packaged /etc/default/mesos).
const MASTER_ENV_FLAGS = new Set(['port', 'zk', 'log_dir']);
const AGENT_ENV_FLAGS = new Set(['master', 'log_dir']);

function addFlagFiles(add: (path: string, text: string) => void, dir: string, flags: FlagFile[], fromEnv: Set<string>): void {
  const seen = new Set<string>();
  for (const flag of flags) {
    if (fromEnv.has(flag.name) || seen.has(flag.name) || !/^[a-z0-9_.-]+$/i.test(flag.name)) {
      throw new InternalError(`flag file ${dir}/${flag.name} would duplicate a flag or is not a plain name`);
    }
    seen.add(flag.name);
    add(`${dir}/${flag.name}`, flagFileContent(flag.value));
  }
}

/**
 * Flag files for the Marathon 1.4 and Chronos launchers: `<name>` holds the value (`--name "$(cat)"`),
 * an empty `?<name>` is a bare `--name`. Throws InternalError on a duplicate or unsafe name.
 */
function addLauncherFiles(add: (path: string, text: string, mode?: number) => void, dir: string, flags: CliFlag[]): void {
  assertUniqueNames(flags, dir);
  for (const flag of flags) {
    if (flag.value === undefined) add(`${dir}/?${flag.name}`, '');
    else add(`${dir}/${flag.name}`, flagFileContent(flag.value), flag.secret ? SECRET_MODE : 0o644);
  }
}

// scallop stops the program on a flag given twice, and a name outside [a-z0-9_] would not survive
// the MARATHON_<NAME> round trip or a file name.
function assertUniqueNames(flags: CliFlag[], where: string): void {
  const names = new Set<string>();
  for (const { name } of flags) {
    const base = name.replace(/^disable_/, '');
    if (names.has(base) || !/^[a-z0-9_]+$/.test(name)) throw new InternalError(`${where} flag ${name} is a duplicate or not a plain name`);
    names.add(base);
  }
}
