// Finishing one host after rendering: gzip what render left to gzip, write the tree, pack and write
// the tarball, hash every file. The tree writer (write-tree.ts) does it on its worker thread
// (tree-worker.ts) or on the main thread, with the same calls (write-files.ts), so both give the
// same bytes and modes.
import { SECRET_MODE } from '../plan/model.js';
import { sha256Hex } from '../util/hash.js';
import { FILE_MODE, writeFileExact, writeTreeSync } from './write-files.js';
import { gzipDeferredSync, packHostSync } from './pack.js';

export interface TreeFile {
  path: string;
  mode: number;
  content: Buffer;
  /** Still to be gzipped (renderHost's deferGzip). */
  gzip?: true;
  /** The content's SHA-256, when render already computed it (rootfs files, bundled .debs). */
  sha256?: string;
}

/** A file as written: what manifest.json and the sums need of it. */
export interface WrittenFile {
  path: string;
  mode: number;
  sha256: string;
  size: number;
}

export interface HostJob {
  /** OUT-staging/hosts/<host>. */
  treeDir: string;
  /** The tarball's top folder: the host's name. */
  root: string;
  tarballPath: string;
  files: TreeFile[];
}

export interface HostWritten {
  files: WrittenFile[];
  tarball: { sha256: string; size: number; mode: number };
}

/** Each file's digest (render's when it computed one): it stays inside mesosgen unless the file is public. */
export function describeFiles(files: readonly TreeFile[]): WrittenFile[] {
  return files.map((file) => ({ path: file.path, mode: file.mode, sha256: file.sha256 ?? sha256Hex(file.content), size: file.content.length }));
}

/** A tarball that carries secret material is as private as its most private file. */
export function tarballMode(files: readonly TreeFile[]): number {
  return files.some((f) => f.mode === SECRET_MODE) ? SECRET_MODE : FILE_MODE;
}

/**
 * Does everything for one host after rendering (see the file comment) under `umask`. Throws the fs
 * error (with its `code`) on failure; the caller removes the staging directory.
 */
export function writeHostSync(job: HostJob, umask: number): HostWritten {
  const files = gzipDeferredSync(job.files);
  return writeHostFiles(job, files, packHostSync(job.root, files), umask);
}

/**
 * Writes a host's finished files (nothing left to gzip) and its tarball; returns their digests.
 * Throws the fs error (with its `code`) on failure.
 */
export function writeHostFiles(job: HostJob, files: readonly TreeFile[], tarball: Buffer, umask: number): HostWritten {
  writeTreeSync(job.treeDir, files, umask);
  const mode = tarballMode(files);
  writeFileExact(job.tarballPath, tarball, mode, umask);
  return { files: describeFiles(files), tarball: { sha256: sha256Hex(tarball), size: tarball.length, mode } };
}
