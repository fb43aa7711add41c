// What one host of a build should show when it runs: the flags each daemon starts with (read as its
// launcher reads the host's files), the ports it listens on and its ZooKeeper membership. Read from
// the build directory host by host, so a 100,000-host build never holds every host's files at once.
import { join } from 'node:path';
import { SECRET_MODE } from '../plan/model.js';
import type { HostPorts, Role } from '../plan/model.js';
import type { SideHost } from '../review/side-types.js';
import { UsageError } from '../util/errors.js';
import { InputFileError, MAX_SECRET_BYTES, readRegularFile } from '../util/read-file.js';
import { chronosFlags, marathonFlags, mesosFlags, type ReadHostFile } from './launcher-flags.js';

export interface HostExpectation {
  name: string;
  ip: string;
  /** Where verify reaches the host: its IP, or what --hosts says. */
  address: string;
  roles: Role[];
  ports: HostPorts;
  master?: Map<string, string>;
  agent?: Map<string, string>;
  /** Marathon's --http_port, --zk and --master (what /v2/info shows) and its HTTP credentials. */
  marathon?: { port: number; zk?: string; master?: string; credentials?: string };
  chronos?: { port: number; credentials?: string };
  zookeeper?: { port: number; id: number; allowsConf: boolean };
}

// Marathon's and Chronos' --http_port when the build leaves it out (their documented default).
const DEFAULT_HTTP_PORT = 8080;

/**
 * Derives what `host` should show from its files. `secretsDir`: where a secret file the build
 * directory lacks is read from (DIR/<host>/<path under rootfs>). Throws UsageError when a file is
 * unreadable, changed since the build, or a secret that is in neither place.
 */
export function expectHost(host: SideHost, address: string, secretsDir: string | undefined): HostExpectation {
  const read = hostFileReader(host, secretsDir);
  const expectation: HostExpectation = { name: host.name, ip: host.ip, address, roles: host.roles, ports: host.ports };
  if (host.roles.includes('master')) {
    expectation.master = mesosFlags(host, 'master', read);
    const has = (...prefixes: string[]) => [...host.files.keys()].some((path) => prefixes.some((p) => path.startsWith(`rootfs/${p}`)));
    if (has('etc/default/marathon', 'etc/marathon/conf/')) {
      const flags = marathonFlags(host, read);
      const [zk, master, credentials] = [flags.get('zk'), flags.get('master'), flags.get('http_credentials')];
      expectation.marathon = { port: portOf(flags.get('http_port'), host.name, 'marathon'), zk, master, ...(credentials ? { credentials } : {}) };
    }
    if (has('etc/default/chronos', 'etc/chronos/conf/')) {
      const { flags, env } = chronosFlags(host, read);
      // Chronos reads MESOSPHERE_HTTP_CREDENTIALS itself when --http_credentials is absent.
      const credentials = flags.get('http_credentials') ?? env.get('MESOSPHERE_HTTP_CREDENTIALS');
      expectation.chronos = { port: portOf(flags.get('http_port'), host.name, 'chronos'), ...(credentials ? { credentials } : {}) };
    }
    const zooCfg = read('etc/zookeeper/conf/zoo.cfg');
    if (zooCfg !== undefined && host.ports.zookeeper !== undefined && host.zookeeperId !== undefined) {
      const whitelist = /^4lw\.commands\.whitelist=(.*)$/m.exec(zooCfg)?.[1].split(',').map((w) => w.trim()) ?? [];
      expectation.zookeeper = { port: host.ports.zookeeper, id: host.zookeeperId, allowsConf: whitelist.includes('conf') || whitelist.includes('*') };
    }
  }
  if (host.roles.includes('agent')) expectation.agent = mesosFlags(host, 'agent', read);
  return expectation;
}

// A framework's --http_port as its files give it; anything but a port means the build was not mesosgen's.
function portOf(text: string | undefined, host: string, program: string): number {
  const port = text === undefined ? DEFAULT_HTTP_PORT : /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`host ${host} of the build gives ${program} an http_port that is not a port`);
  return port;
}

// Reads a file of the host's rootfs as text. A secret file missing from the build directory (it may
// have been removed after the build was distributed) is read from the secrets folder instead.
function hostFileReader(host: SideHost, secretsDir: string | undefined): ReadHostFile {
  return (path) => {
    const file = host.files.get(`rootfs/${path}`);
    if (!file) return undefined;
    try {
      return file.read().toString('utf8');
    } catch (err) {
      if (!(err instanceof UsageError) || file.mode !== SECRET_MODE) throw err;
      if (secretsDir === undefined) throw new UsageError(`${err.message}; a secret file can also come from --secrets DIR (DIR/${host.name}/${path})`);
      try {
        // The path is the manifest's: checked to stay inside the host's folder.
        return readRegularFile(join(secretsDir, host.name, path), MAX_SECRET_BYTES).toString('utf8');
      } catch (e) {
        if (e instanceof InputFileError) throw new UsageError(`--secrets ${secretsDir}: cannot read ${host.name}/${path}: ${e.reason}`);
        throw e;
      }
    }
  };
}
