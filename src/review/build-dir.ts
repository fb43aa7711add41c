// A build directory as review input. It is untrusted like a spec: its manifest must match
// schema/manifest.schema.json, every path must stay inside its host's folder (no "..", no link out),
// and a file is compared or shown only after it matches the sha256 the manifest gives for it.
import { existsSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describeIoError, UsageError } from '../util/errors.js';
import type { HostPorts, Role } from '../plan/model.js';
import { OUTPUT_MARKER } from '../output/output-dir.js';
import { validateManifest } from '../spec/validators.generated.js';
import { sha256Hex } from '../util/hash.js';
import { InputFileError, readRegularFile } from '../util/read-file.js';
import type { BuildVersions, Side, SideFile } from './side-types.js';

/** A 100,000-host manifest is about 150 MB; past this it is not one mesosgen wrote. */
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;
/** The largest file a build holds: a bundled .deb. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

interface ManifestEntry {
  path: string;
  mode: string;
  readers?: string[];
  sha256?: string;
  secret?: true;
}

interface Manifest {
  cluster: string;
  hosts: Array<{ name: string; ip: string; roles: Role[]; ports?: HostPorts; zookeeperId?: number; units: { enable: string[] }; files: ManifestEntry[] }>;
  workloads?: { files: ManifestEntry[] };
  versions?: BuildVersions;
}

/**
 * Opens a build directory written by `mesosgen build`. Throws UsageError when it is not one, when
 * its manifest is unreadable or malformed, and later (from a file's `read`) when a file is missing,
 * leaves its folder or does not match its recorded sha256.
 */
export function openBuild(dir: string, skip: ReadonlySet<string>): Side {
  if (!existsSync(join(dir, OUTPUT_MARKER)) || !existsSync(join(dir, 'manifest.json'))) {
    throw new UsageError(`${dir} is not a mesosgen build directory (no ${OUTPUT_MARKER} and manifest.json)`);
  }
  const manifest = readManifest(join(dir, 'manifest.json'));
  const root = realpathSync(dir);
  const byName = new Map(manifest.hosts.map((h) => [h.name, h]));
  if (byName.size !== manifest.hosts.length) throw new UsageError(`${dir}/manifest.json lists a host twice`);
  const files = (base: string, entries: ManifestEntry[]) =>
    new Map(entries.filter((e) => !skip.has(e.path)).map((e): [string, SideFile] => [e.path, buildFile(root, base, e)]));
  return {
    label: dir,
    cluster: manifest.cluster,
    hostNames: manifest.hosts.map((h) => h.name),
    loadHost: (name) => {
      const h = byName.get(name)!;
      const hostFiles = files(join('hosts', name), h.files);
      const zookeeperId = h.zookeeperId ?? (h.roles.includes('master') ? myidOf(hostFiles, `${dir}/hosts/${name}`) : undefined);
      return { name, ip: h.ip, roles: h.roles, ports: h.ports ?? {}, zookeeperId, enable: h.units.enable, files: hostFiles };
    },
    clusterFiles: files('cluster', manifest.workloads?.files ?? []),
    ...(manifest.versions ? { versions: manifest.versions } : {}),
  };
}

// A manifest written before it carried zookeeperId: the id is read from the master's myid file,
// which must hold just that number.
function myidOf(files: ReadonlyMap<string, SideFile>, shown: string): number | undefined {
  const myid = files.get('rootfs/etc/zookeeper/conf/myid');
  if (!myid) return undefined;
  const text = myid.read().toString('utf8').trim();
  if (!/^[1-9][0-9]{0,2}$/.test(text) || Number(text) > 255) throw new UsageError(`${shown}/rootfs/etc/zookeeper/conf/myid does not hold a ZooKeeper id`);
  return Number(text);
}

function readManifest(path: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(readRegularFile(path, MAX_MANIFEST_BYTES).toString('utf8'));
  } catch (err) {
    const reason = err instanceof InputFileError ? err.reason : 'not valid JSON';
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
  if (!validateManifest(value)) {
    const [e] = (validateManifest as { errors?: Array<{ instancePath: string; message?: string }> }).errors ?? [];
    throw new UsageError(`${path} is not a mesosgen manifest: ${e?.instancePath || '/'} ${e?.message ?? 'is malformed'}`);
  }
  return value as Manifest;
}

// One file of the build: read only inside the build directory, and checked against its digest.
function buildFile(root: string, folder: string, entry: ManifestEntry): SideFile {
  const shown = `${folder}/${entry.path}`;
  let content: Buffer | undefined;
  const read = (): Buffer => {
    if (content) return content;
    const path = join(root, folder, entry.path);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      throw new UsageError(`cannot read ${shown} of the build: ${describeIoError(err)}`);
    }
    // A link inside the build directory must not show a file outside it.
    if (!real.startsWith(join(root, folder) + sep)) throw new UsageError(`${shown} leads outside the build directory; refusing to read it`);
    try {
      content = readRegularFile(real, MAX_FILE_BYTES);
    } catch (err) {
      throw new UsageError(`cannot read ${shown} of the build: ${err instanceof InputFileError ? err.reason : String(err)}`);
    }
    if (entry.sha256 !== undefined && sha256Hex(content) !== entry.sha256) {
      throw new UsageError(`${shown} does not match its sha256 in manifest.json: the build directory was changed after mesosgen wrote it`);
    }
    return content;
  };
  // The recorded digest is not trusted unread: a file edited after the build must not pass for
  // unchanged, so read() (which checks it) runs first. Secret files have no public digest: their
  // content is compared, never shown.
  const digest = (): string => {
    const bytes = read();
    return entry.sha256 ?? sha256Hex(bytes);
  };
  // packages/ files have no readers: a changed package restarts every unit of the host anyway.
  const readers = entry.readers ?? (entry.path.startsWith('rootfs/') ? undefined : []);
  return { mode: parseInt(entry.mode, 8), readers, digest, read };
}
