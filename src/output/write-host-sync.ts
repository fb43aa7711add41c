// Finishing one host with synchronous calls, for the worker thread (output/tree-worker.ts): gzip
// what render left to gzip, write the tree, pack and write the tarball, hash every file. On its own
// thread, back-to-back synchronous calls cost far less per file than promise-based fs on the main
// thread (measured: 1.7 s of 6 s of main-thread time for 1,000 hosts went to fs promises).
import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECRET_MODE } from '../plan/model.js';
import { sha256Hex } from '../util/hash.js';
import { FIXED_MTIME_SECONDS, listTarEntries } from './pack.js';
import { writeTar } from './tar.js';

/** The directories' mode, as in the tarballs. */
export const DIR_MODE = 0o755;

export interface TreeFile {
  path: string;
  mode: number;
  content: Buffer;
  /** Still to be gzipped (renderHost's deferGzip). */
  gzip?: true;
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

/** Hashes each file: its digest stays inside mesosgen unless the file is public. */
export function describeFiles(files: readonly TreeFile[]): WrittenFile[] {
  return files.map((file) => ({ path: file.path, mode: file.mode, sha256: sha256Hex(file.content), size: file.content.length }));
}

/** A tarball that carries secret material is as private as its most private file. */
export function tarballMode(files: readonly TreeFile[]): number {
  return files.some((f) => f.mode === SECRET_MODE) ? SECRET_MODE : 0o644;
}

/**
 * Does everything for one host after rendering (see the file comment) under `umask`. Throws the fs
 * error (with its `code`) on failure; the caller removes the staging directory.
 */
export function writeHostSync(job: HostJob, umask: number): HostWritten {
  // gzipSync's defaults for user data, as render's; level 6 (gzip's and `tar -z`'s) for the tarball.
  const files = job.files.map((f) => (f.gzip ? { path: f.path, mode: f.mode, content: gzipSync(f.content) } : f));
  writeTreeSync(job.treeDir, files, umask);
  const tarball = gzipSync(writeTar(listTarEntries(job.root, files), FIXED_MTIME_SECONDS), { level: 6 });
  const mode = tarballMode(files);
  writeFileExact(job.tarballPath, tarball, mode, umask);
  return { files: describeFiles(files), tarball: { sha256: sha256Hex(tarball), size: tarball.length, mode } };
}

/**
 * Writes `files` under `dir` (created; its parent must exist; existing directories are reused)
 * with exact modes under `umask`. Throws the fs error (with its `code`) on failure.
 */
export function writeTreeSync(dir: string, files: readonly TreeFile[], umask: number): void {
  const made = new Set<string>();
  const makeDir = (d: string): void => {
    if (made.has(d) || d.length < dir.length) return;
    makeDir(dirname(d));
    try {
      mkdirSync(d, DIR_MODE);
      if ((DIR_MODE & ~umask) !== DIR_MODE) chmodSync(d, DIR_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    made.add(d);
  };
  for (const file of files) {
    const path = join(dir, file.path);
    makeDir(dirname(path));
    writeFileExact(path, file.content, file.mode, umask);
  }
}

/** Creates `path` (never an existing file: O_EXCL) with exactly `mode`. */
export function writeFileExact(path: string, content: Uint8Array, mode: number, umask: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    for (let done = 0; done < content.length; ) done += writeSync(fd, content, done);
    if ((mode & ~umask) !== mode) chmodSync(path, mode);
  } finally {
    closeSync(fd);
  }
}
