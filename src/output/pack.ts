// Packs one host's rendered files into a deterministic .tar.gz: one tree <host>/..., entries sorted,
// parent directories before their contents, fixed mtime, uid/gid 0 without names, explicit modes,
// and a gzip header without timestamp (zlib writes MTIME 0 and OS 3).
import { gzip, gzipSync, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { InternalError } from '../util/errors.js';
import type { RenderedFile } from '../render/renderer.js';
import { writeTar, type TarEntry } from './tar.js';
import { byteOrder } from '../util/order.js';
import { DIR_MODE } from './write-files.js';

/** 2000-01-01T00:00:00Z: every entry gets this mtime, so the clock never changes a tarball. */
export const FIXED_MTIME_SECONDS = Date.UTC(2000, 0, 1) / 1000;

const gzipAsync = promisify(gzip);

/** Level 6 is gzip's (and `tar -z`'s) default. */
const TARBALL_GZIP: ZlibOptions = { level: 6 };

/**
 * Returns the gzipped tar of `files` under `<root>/`. Compression runs on libuv's thread pool, so
 * emit.ts can render the next host meanwhile. Throws InternalError on an unsafe path.
 */
export async function packHost(root: string, files: readonly RenderedFile[]): Promise<Buffer> {
  return gzipAsync(writeTar(listTarEntries(root, files), FIXED_MTIME_SECONDS), TARBALL_GZIP);
}

/** packHost on this thread (the tree writer's worker). Throws InternalError on an unsafe path. */
export function packHostSync(root: string, files: readonly RenderedFile[]): Buffer {
  return gzipSync(writeTar(listTarEntries(root, files), FIXED_MTIME_SECONDS), TARBALL_GZIP);
}

/** gzipDeferred on this thread (the tree writer's worker). */
export function gzipDeferredSync(files: readonly RenderedFile[]): RenderedFile[] {
  return files.map((f) => (f.gzip ? { path: f.path, mode: f.mode, content: gzipSync(f.content) } : f));
}

/**
 * Completes files rendered with renderHost's `deferGzip`: each marked one gzipped on the thread
 * pool, with gzipSync's defaults (so the bytes are the same either way).
 */
export async function gzipDeferred(files: readonly RenderedFile[]): Promise<RenderedFile[]> {
  if (!files.some((f) => f.gzip)) return [...files];
  return Promise.all(files.map(async (f) => (f.gzip ? { path: f.path, mode: f.mode, content: await gzipAsync(f.content) } : f)));
}

/** The tar entries for a host, directories included, in the order they are written. */
export function listTarEntries(root: string, files: readonly RenderedFile[]): TarEntry[] {
  const dirs = new Set<string>([root]);
  const entries: TarEntry[] = [];
  for (const file of files) {
    if (file.path.startsWith('/') || file.path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new InternalError(`unsafe path in tarball: ${file.path}`);
    }
    const name = `${root}/${file.path}`;
    entries.push({ name, mode: file.mode, content: file.content });
    for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) dirs.add(name.slice(0, i));
  }
  for (const dir of dirs) entries.push({ name: dir + '/', mode: DIR_MODE });
  // Plain byte order: a directory's name is a prefix of its contents' names, so it comes first.
  return entries.sort((a, b) => byteOrder(a.name, b.name));
}
