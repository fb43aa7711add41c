// Stage 6, output: the only writer. Renders, packs and writes host by host into a staging directory beside
// the target, then swaps it into place, so a failed build leaves the previous output untouched and
// only one host's files are in memory at a time.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeIoError, InterruptedError, UsageError } from '../util/errors.js';
import { OUTPUT_MARKER, assertReplaceable, makeStagingDir, swapIntoPlace, type ForeignDir } from './output-dir.js';
import { SECRET_MODE, type ClusterPlan, type HostPlan } from '../plan/model.js';
import { packHost } from './pack.js';
import { describeFiles, type HostWritten, type WrittenFile } from './write-host.js';
import type { RenderedFile } from '../render/renderer.js';
import { USER_DATA_LIMIT } from '../render/host.js';
import { DIR_MODE, FILE_MODE, HashingFile, writeFileExact } from './write-files.js';
import { StreamedObject, manifestFile, manifestHost, manifestTail } from './manifest.js';
import { TarballSums } from './tarball-sums.js';
import type { TreeWriter } from './write-tree.js';
import { sha256Hex } from '../util/hash.js';
import { byteOrder } from '../util/order.js';

const PACK_WINDOW = 8;

export interface EmitOptions {
  outDir: string;
  mesosgenVersion: string;
  /** Replace a non-empty directory that has no OUTPUT_MARKER. */
  force?: boolean;
  /** Aborting it (on SIGINT or SIGTERM) stops the build between hosts and removes the staging dir. */
  signal?: AbortSignal;
  /** The spec and the files it reads: an output directory holding one is never replaced. */
  inputs?: readonly string[];
  /** Writes the trees (output/write-tree.ts); the caller chooses it and closes it. */
  writer: TreeWriter;
  /**
   * Asked once everything is written, before the build replaces the previous output: false keeps the
   * previous output (the staging directory is removed) and emitCluster returns undefined.
   */
  accept?: (summary: EmitSummary) => boolean;
  /** Told after each host is written (for a progress line), with the host's files (for --verbose). */
  onHostWritten?: (done: number, total: number, host: string, files: readonly string[]) => void;
}

/** OUT/cluster/: what is known before the hosts, and what needs their tarballs' checksums. */
export interface ClusterFiles {
  /** Rendered before the hosts: apps, jobs, deploy.sh, the rollout. */
  render: () => RenderedFile[];
  /** Rendered once every host is packed, told each host's tarball sha256 (the Ansible inventory). */
  renderLate?: (tarballs: ReadonlyMap<string, string>) => RenderedFile[];
}

export interface EmitSummary {
  outDir: string;
  hosts: number;
  files: number;
  /** Bytes written: every file of hosts/ and cluster/, and the tarballs. */
  bytes: number;
  /** Hosts whose user data is over the 16 KB some clouds accept even gzipped (cloud-init.yaml.gz's size). */
  largeUserData?: { hosts: number; largest: { host: string; bytes: number } };
  /** The directory --force replaced, which mesosgen had not made. */
  replaced?: ForeignDir;
}

/**
 * Writes OUT/hosts/<host>/..., OUT/tarballs/<host>.tar.gz, OUT/manifest.json and OUT/SHA256SUMS.
 * Throws UsageError when the target cannot be replaced or written, and passes on render's
 * InternalError; either way the previous output stays as it was and the staging directory is removed.
 */
export async function emitCluster(
  plan: ClusterPlan,
  render: (host: HostPlan) => RenderedFile[],
  options: EmitOptions,
  cluster: ClusterFiles = { render: () => [] },
): Promise<EmitSummary | undefined> {
  const outDir = resolve(options.outDir);
  const foreign = assertReplaceable(outDir, options.force ?? false, options.inputs);
  const staging = makeStagingDir(outDir);
  try {
    const { files, bytes, largeUserData } = await writeBuild(staging, plan, render, cluster, options);
    if (options.signal?.aborted) throw new InterruptedError(String(options.signal.reason));
    const summary = { outDir, hosts: plan.hosts.length, files, bytes, ...(largeUserData ? { largeUserData } : {}), ...(foreign ? { replaced: foreign } : {}) };
    if (options.accept && !options.accept(summary)) {
      rmSync(staging, { recursive: true, force: true });
      return undefined;
    }
    swapIntoPlace(staging, outDir);
    return summary;
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
      throw new UsageError(`cannot write ${options.outDir}: ${describeIoError(err)}`);
    }
    throw err;
  }
}

/** Writes the whole build into `staging`; returns the number of host files written and large user data. */
async function writeBuild(
  staging: string,
  plan: ClusterPlan,
  render: (host: HostPlan) => RenderedFile[],
  cluster: ClusterFiles,
  { mesosgenVersion: version, signal, onHostWritten, writer }: EmitOptions,
): Promise<Pick<EmitSummary, 'files' | 'bytes' | 'largeUserData'>> {
  const { umask } = writer;
  mkdirSync(join(staging, 'tarballs'));
  const manifest = new HashingFile(join(staging, 'manifest.json'), umask);
  const sums = new HashingFile(join(staging, 'SHA256SUMS'), umask);
  try {
    const tarballSums = new TarballSums(plan.hosts.names);
    // The last block's other lines: cluster.tar.gz, the late cluster files, manifest.json.
    const lastSums: string[] = [];
    const secretSums: string[] = [];
    let files = 0;
    let bytes = 0;
    let hostsWritten = 0;
    let largeUserData: EmitSummary['largeUserData'];
    // cluster/ (apps, jobs, deploy.sh, rollout) first: it sorts before hosts/ in SHA256SUMS.
    const clusterFiles = cluster.render();
    const clusterEntries = writeClusterFiles(writer, staging, clusterFiles);
    recordSums(clusterEntries, 'cluster', sums, secretSums);
    mkdirSync(join(staging, 'hosts'));
    files += clusterFiles.length;
    const json = new StreamedObject(manifest);
    json.fieldsOf({ apiVersion: plan.apiVersion, cluster: plan.name, configId: plan.specDigest.slice(0, 12) });
    json.beginArray('hosts');
    // Each host is finished (gzip, tree, tarball, hashes) off the main thread while the next hosts
    // render; a small window bounds memory.
    const pending: Array<{ host: HostPlan; job: Promise<HostWritten>; readers: ReadonlyMap<string, readonly string[]> }> = [];
    // Hosts finish in order, so manifest.json and SHA256SUMS list them sorted.
    const finishOldest = async () => {
      const { host, job, readers } = pending.shift()!;
      const { files: entries, tarball } = await job;
      recordSums(entries, `hosts/${host.name}`, sums, secretSums);
      for (const f of entries) bytes += f.size;
      // User data over the limit even gzipped: clouds with that limit refuse it (the build warns).
      const gz = entries.find((e) => e.path === 'cloud-init.yaml.gz');
      if (gz && gz.size > USER_DATA_LIMIT) {
        const largest = largeUserData && largeUserData.largest.bytes >= gz.size ? largeUserData.largest : { host: host.name, bytes: gz.size };
        largeUserData = { hosts: (largeUserData?.hosts ?? 0) + 1, largest };
      }
      const path = `tarballs/${host.name}.tar.gz`;
      bytes += tarball.size;
      tarballSums.set(hostsWritten++, tarball.sha256);
      const files = entries.map((e) => manifestFile(e, readers.get(e.path)));
      json.item(manifestHost(host, files, { path, sha256: tarball.sha256, size: tarball.size }));
      onHostWritten?.(hostsWritten, plan.hosts.length, host.name, [...entries.map((e) => `hosts/${host.name}/${e.path}`), path]);
    };
    const writeHosts = async () => {
      for (const host of plan.hosts) {
        if (signal?.aborted) throw new InterruptedError(String(signal.reason));
        const rendered = render(host);
        const job = writer.writeHost({
          treeDir: join(staging, 'hosts', host.name),
          root: host.name,
          tarballPath: join(staging, `tarballs/${host.name}.tar.gz`),
          files: rendered,
        });
        // Marked handled now; a failure still surfaces when finishOldest awaits it.
        job.catch(() => {});
        // The units reading each rootfs file, for the manifest: a review of this build restarts those.
        pending.push({ host, job, readers: new Map(rendered.flatMap((f) => (f.readers ? [[f.path, f.readers] as const] : []))) });
        files += rendered.length;
        if (pending.length >= PACK_WINDOW) await finishOldest();
      }
      while (pending.length > 0) await finishOldest();
    };
    try {
      await writeHosts();
    } catch (err) {
      // Writes still in flight would recreate files in the staging directory after it is removed.
      await Promise.allSettled(pending.map((p) => p.job));
      throw err;
    }
    // The late cluster files' sums join the last block (manifest.json, tarballs/), sorted like it.
    const lateFiles = cluster.renderLate?.(tarballSums.byName()) ?? [];
    const lateEntries = writeClusterFiles(writer, staging, lateFiles);
    recordSums(lateEntries, 'cluster', { write: (line: string) => lastSums.push(line) }, secretSums);
    files += lateFiles.length;
    const allCluster = [...clusterFiles, ...lateFiles].sort((a, b) => byteOrder(a.path, b.path));
    const workloads = allCluster.length > 0 ? await packClusterTree(writer, staging, allCluster, [...clusterEntries, ...lateEntries], lastSums) : undefined;
    json.endArray();
    json.fieldsOf(manifestTail(plan, version, workloads));
    json.end();
    lastSums.push(`${manifest.close()}  manifest.json\n`);
    tarballSums.writeSorted(lastSums, (line) => sums.write(line));
    sums.close();
    if (secretSums.length > 0) writeFileExact(join(staging, SECRET_SUMS), secretSums.join(''), SECRET_MODE, umask);
    writeFileExact(join(staging, OUTPUT_MARKER), 'generated by mesosgen; this directory is replaced by every build\n', FILE_MODE, umask);
    // mkdtemp makes the staging directory 0700, mkdirSync honours the umask.
    for (const dir of ['', 'tarballs', 'hosts']) chmodSync(join(staging, dir), DIR_MODE);
    return { files, bytes, largeUserData };
  } finally {
    manifest.close();
    sums.close();
  }
}

/** Writes files into OUT/cluster/; returns what the manifest and the sums need of them. */
function writeClusterFiles(writer: TreeWriter, staging: string, rendered: RenderedFile[]): WrittenFile[] {
  if (rendered.length > 0) writer.write(join(staging, 'cluster'), rendered);
  return describeFiles(rendered);
}

/** Writes tarballs/cluster.tar.gz of every cluster/ file; returns the manifest's `workloads` entry. */
async function packClusterTree(writer: TreeWriter, staging: string, rendered: RenderedFile[], entries: WrittenFile[], lastSums: string[]): Promise<object> {
  entries.sort((a, b) => byteOrder(a.path, b.path));
  const tarball = await packHost('cluster', rendered);
  const path = 'tarballs/cluster.tar.gz';
  writeFileExact(join(staging, path), tarball, FILE_MODE, writer.umask);
  const sha256 = sha256Hex(tarball);
  lastSums.push(`${sha256}  ${path}\n`);
  return { files: entries.map((e) => manifestFile(e)), tarball: { path, sha256, size: tarball.length } };
}

/** The private checksum list (mode 0600): the secret files' sums, for the owner only. */
export const SECRET_SUMS = 'SHA256SUMS.secret';

/** Adds each file's `sha256  path` line to the public sums, or to the secret ones. */
function recordSums(files: readonly WrittenFile[], prefix: string, sums: Pick<HashingFile, 'write'>, secretSums: string[]): void {
  for (const f of files) {
    const line = `${f.sha256}  ${prefix}/${f.path}\n`;
    if (f.mode === SECRET_MODE) secretSums.push(line);
    else sums.write(line);
  }
}

