// Packs one host's rendered files into a deterministic .tar.gz: one tree <host>/..., entries sorted,
// parent directories before their contents, fixed mtime, uid/gid 0 without names, explicit modes,
// and a gzip header without timestamp (zlib writes MTIME 0).
import { PassThrough } from 'node:stream';
import { TarArchive } from 'archiver';
import { InternalError } from './errors.js';
import type { RenderedFile } from './render.js';

/** 2000-01-01T00:00:00Z: every entry gets this mtime, so the clock never changes a tarball. */
export const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
const DIR_MODE = 0o755;

interface TarEntry {
  name: string;
  mode: number;
  content?: Buffer;
}

/** Returns the gzipped tar of `files` under `<root>/`. Throws InternalError on an unsafe path. */
export async function packHost(root: string, files: readonly RenderedFile[]): Promise<Buffer> {
  const entries = listTarEntries(root, files);
  const archive = new TarArchive({ gzip: true, gzipOptions: { level: 9 } });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    archive.on('error', reject);
  });
  archive.pipe(sink);
  for (const entry of entries) {
    const common = { name: entry.name, mode: entry.mode, date: FIXED_MTIME, uid: 0, gid: 0 };
    if (entry.content) archive.append(entry.content, common);
    else archive.append(null as unknown as Buffer, { ...common, type: 'directory' } as never);
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
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
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
