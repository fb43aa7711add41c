// Writing helpers for output/emit.ts, the only writer: exact modes, and files whose digest is known when closed.
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

/** Writes a file with exactly `mode`, whatever the umask. */
export function writeExact(path: string, data: string | Buffer, mode: number): void {
  writeFileSync(path, data);
  chmodSync(path, mode);
}

/** Pieces are written to disk in batches of about this many characters. */
const FLUSH_AT = 64 * 1024;

/**
 * A file written in pieces whose SHA-256 is known when it is closed. Pieces are batched: SHA256SUMS
 * gets a line per file, 20 write calls per host otherwise. Throws the fs error when a write fails;
 * close() is idempotent.
 */
export class HashingFile {
  private fd: number | undefined;
  private readonly hash = createHash('sha256');
  private digest = '';
  private pending: string[] = [];
  private pendingLength = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o644);
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
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    for (let done = 0; done < data.length; ) done += writeSync(this.fd as number, data, done);
    this.hash.update(data);
  }
}
