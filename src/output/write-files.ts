// The one way output/ creates files and directories, on the main thread and in the tree writer's
// worker alike: synchronous calls, never replacing anything (O_EXCL), exact modes whatever the
// umask (chmod only where the umask took a bit away), and files whose digest is known when closed.
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every directory's mode, on disk and in the tarballs. */
export const DIR_MODE = 0o755;

/** Public files' mode: manifest.json, SHA256SUMS, non-secret tarballs. */
export const FILE_MODE = 0o644;

/**
 * The process's umask. Read once per build: asking sets it back at once, and no other thread creates
 * files meanwhile. Pass the result to the functions below.
 */
export function readUmask(): number {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- no other API tells the umask; exact modes need it
  return process.umask();
}

/**
 * Creates `path` (never an existing file: O_EXCL) holding `content` with exactly `mode`. Throws the
 * fs error (with its `code`) on failure.
 */
export function writeFileExact(path: string, content: string | Uint8Array, mode: number, umask: number): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // openSync applies the umask to the mode it is given; fchmod sets the rest.
  const fd = openSync(path, 'wx', mode);
  try {
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
    if ((mode & ~umask) !== mode) fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `files` under `dir` (created; its parent must exist; directories already there are reused,
 * since they all live in the build's own staging directory), parents before children, with exact
 * modes. Throws the fs error (with its `code`) on failure.
 */
export function writeTreeSync(dir: string, files: readonly { path: string; mode: number; content: Uint8Array }[], umask: number): void {
  const made = new Set<string>();
  const makeDir = (d: string): void => {
    if (made.has(d) || d.length < dir.length) return;
    makeDir(dirname(d));
    try {
      mkdirSync(d, DIR_MODE);
      // mkdirSync applies the umask to the mode it is given.
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

/** Pieces are written to disk in batches of about this many characters. */
const FLUSH_AT = 64 * 1024;

/**
 * A new file (mode 0644, O_EXCL) written in pieces, whose SHA-256 is known when it is closed.
 * Pieces are batched: SHA256SUMS gets a line per file, 20 write calls per host otherwise. Throws
 * the fs error when a write fails; close() is idempotent.
 */
export class HashingFile {
  private fd: number | undefined;
  private readonly hash = createHash('sha256');
  private digest = '';
  private pending: string[] = [];
  private pendingLength = 0;
  constructor(path: string, umask: number) {
    this.fd = openSync(path, 'wx', FILE_MODE);
    if ((FILE_MODE & ~umask) !== FILE_MODE) fchmodSync(this.fd, FILE_MODE);
  }
  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }
  /** Writes what is pending, closes the file (once) and returns its hex digest. */
  close(): string {
    if (this.fd !== undefined) {
      try {
        this.flush();
      } finally {
        closeSync(this.fd);
        this.fd = undefined;
      }
      this.digest = this.hash.digest('hex');
    }
    return this.digest;
  }
  private flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    for (let done = 0; done < data.length; ) done += writeSync(this.fd, data, done);
    this.hash.update(data);
  }
}
