// manifest.json, built as data and written as it is built: the head before the first host, one
// entry per host as each is finished, the tail at the end. Only one host's entry is in memory at a
// time, and the bytes are exactly stableStringify of the whole object (a test parses and re-serialises).
import type { ClusterPlan, HostPlan } from '../plan/model.js';
import { SECRET_MODE } from '../plan/model.js';
import { InternalError } from '../util/errors.js';
import { stableStringify } from '../util/stable-json.js';
import type { WrittenFile } from './write-host.js';

/** A file as the manifest lists it. */
export type ManifestFile =
  | { path: string; mode: string; sha256: string; size: number; readers?: readonly string[] }
  | { path: string; mode: string; secret: true; readers?: readonly string[] };

export interface ManifestTarball {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A file as the public manifest lists it. A secret-bearing file gets no sha256 or size: manifest.json
 * and SHA256SUMS end up in CI logs and reviews, and the hash of a short secret file lets anyone test
 * guesses offline. Its sum goes to SHA256SUMS.secret instead.
 */
export function manifestFile(file: WrittenFile, readers?: readonly string[]): ManifestFile {
  const mode = file.mode.toString(8).padStart(4, '0');
  const read = readers === undefined ? {} : { readers };
  return file.mode === SECRET_MODE
    ? { path: file.path, mode, secret: true, ...read }
    : { path: file.path, mode, sha256: file.sha256, size: file.size, ...read };
}

/** One host's entry: what a review or an operator needs of the host without reading its files. */
export function manifestHost(host: HostPlan, files: readonly ManifestFile[], tarball: ManifestTarball): object {
  return {
    name: host.name,
    ip: host.ip,
    roles: host.roles,
    // Facts a review of this build needs without re-reading its files.
    ports: host.ports,
    ...(host.zookeeper ? { zookeeperId: host.zookeeper.myid } : {}),
    // What the install step enables (in start order) and masks on this host.
    units: { enable: host.systemd.enable, mask: host.systemd.mask },
    files,
    tarball,
  };
}

/** The manifest's fields after `hosts`: `packages` only for a bundle build, `workloads` only with OUT/cluster/. */
export function manifestTail(plan: ClusterPlan, version: string, workloads: object | undefined): Record<string, unknown> {
  return {
    mesosgen: version,
    ...(plan.bundle.length > 0 ? { packages: plan.bundle } : {}),
    specSha256: plan.specDigest,
    versions: plan.versions,
    ...(workloads ? { workloads } : {}),
  };
}

/**
 * Writes a JSON object into `out` field by field, one array field streamed item by item, giving the
 * bytes stableStringify(object) would. Fields must come in byte order of their keys: the writer
 * throws InternalError otherwise, since the output would no longer be sorted.
 */
export class StreamedObject {
  private lastKey: string | undefined;
  private fields = 0;
  private items: number | undefined;
  constructor(private readonly out: { write(text: string): void }) {
    out.write('{');
  }
  /** Writes `key: value`. */
  field(key: string, value: unknown): void {
    this.key(key);
    this.out.write(indent(stableStringify(value), '  ').trimStart());
  }
  /** Writes every field of `object` (sorted, as stableStringify does); undefined values are skipped. */
  fieldsOf(object: Record<string, unknown>): void {
    for (const key of Object.keys(object).sort()) if (object[key] !== undefined) this.field(key, object[key]);
  }
  /** Opens the array field `key`; item() adds to it, endArray() closes it. */
  beginArray(key: string): void {
    this.key(key);
    this.out.write('[');
    this.items = 0;
  }
  item(value: unknown): void {
    if (this.items === undefined) throw new InternalError('StreamedObject.item() outside an array');
    this.out.write((this.items++ > 0 ? ',\n' : '\n') + indent(stableStringify(value), '    '));
  }
  endArray(): void {
    this.out.write(this.items ? '\n  ]' : ']');
    this.items = undefined;
  }
  /** Closes the object, with the file's final newline. */
  end(): void {
    this.out.write(this.fields > 0 ? '\n}\n' : '}\n');
  }
  private key(key: string): void {
    if (this.items !== undefined) throw new InternalError(`StreamedObject: field ${key} inside an open array`);
    if (this.lastKey !== undefined && !(this.lastKey < key)) throw new InternalError(`StreamedObject: field ${key} after ${this.lastKey}`);
    this.lastKey = key;
    this.out.write(`${this.fields++ > 0 ? ',' : ''}\n  ${JSON.stringify(key)}: `);
  }
}

function indent(text: string, pad: string): string {
  return pad + text.replaceAll('\n', '\n' + pad);
}
