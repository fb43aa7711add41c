// Writing helpers for output/emit.ts, the only writer: exact modes, and files whose digest is known when closed.
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

/** Writes a file with exactly `mode`, whatever the umask. */
export function writeExact(path: string, data: string | Buffer, mode: number): void {
  writeFileSync(path, data);
  chmodSync(path, mode);
}

/** A file written in pieces whose SHA-256 is known when it is closed. close() is idempotent. */
export class HashingFile {
  private fd: number | undefined;
  private readonly hash = createHash('sha256');
  private digest = '';
  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o644);
  }
  write(text: string): void {
    writeSync(this.fd as number, text);
    this.hash.update(text);
  }
  /** Closes the file (once) and returns its hex digest. */
  close(): string {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      this.digest = this.hash.digest('hex');
    }
    return this.digest;
  }
}
