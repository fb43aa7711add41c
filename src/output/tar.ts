// A minimal POSIX ustar writer for output/pack.ts: regular files and directories only, owner 0:0 with empty
// user and group names, a fixed mtime, and a PAX header for names longer than ustar can hold.
// Replaces archiver here for speed (see docs/PERFORMANCE.md): archiver's per-entry stream machinery
// cost ~4 ms per host, more than everything else a build does.
import { InternalError } from '../util/errors.js';

export interface TarEntry {
  /** Relative path; directories end with "/". */
  name: string;
  mode: number;
  /** Absent for directories. */
  content?: Buffer;
}

const BLOCK = 512;

/** Returns the uncompressed tar archive of `entries`, in the given order, with end-of-archive blocks. */
export function writeTar(entries: readonly TarEntry[], mtimeSeconds: number): Buffer {
  // Laid out first, then written into one zeroed buffer: each header and each file's padding is
  // already there (a buffer per header and a padded copy per file cost more than the writing).
  const records: Array<{ fields: HeaderFields; content?: Buffer }> = [];
  let total = BLOCK * 2;
  const add = (fields: HeaderFields, content?: Buffer) => {
    records.push({ fields, content });
    total += BLOCK + padTo(fields.size);
  };
  for (const entry of entries) {
    const isDir = entry.name.endsWith('/');
    const content = isDir ? undefined : entry.content;
    const split = splitName(entry.name);
    if (!split) {
      const record = paxRecord('path', entry.name);
      add({ name: 'PaxHeader', prefix: '', mode: 0o644, size: record.length, mtime: mtimeSeconds, type: 'x' }, record);
    }
    const { name, prefix } = split ?? { name: entry.name.slice(0, 99), prefix: '' };
    add({ name, prefix, mode: entry.mode, size: content?.length ?? 0, mtime: mtimeSeconds, type: isDir ? '5' : '0' }, content);
  }
  const tar = Buffer.alloc(total);
  let at = 0;
  for (const { fields, content } of records) {
    writeHeader(tar, at, fields);
    at += BLOCK;
    if (content) tar.set(content, at); // a Uint8Array after a worker message, not always a Buffer
    at += padTo(fields.size);
  }
  return tar;
}

/** `size` rounded up to whole blocks. */
function padTo(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

interface HeaderFields {
  name: string;
  prefix: string;
  mode: number;
  size: number;
  mtime: number;
  type: '0' | '5' | 'x';
}

// Writes a header into the zeroed block of `tar` at `at`.
function writeHeader(tar: Buffer, at: number, f: HeaderFields): void {
  write(tar, f.name, at, 100);
  octal(tar, f.mode, at + 100, 8);
  octal(tar, 0, at + 108, 8); // uid
  octal(tar, 0, at + 116, 8); // gid
  octal(tar, f.size, at + 124, 12);
  octal(tar, f.mtime, at + 136, 12);
  tar.fill(0x20, at + 148, at + 156); // checksum is computed with its own field as spaces
  write(tar, f.type, at + 156, 1);
  write(tar, 'ustar\u000000', at + 257, 8);
  write(tar, f.prefix, at + 345, 155);
  let sum = 0;
  for (let i = at; i < at + BLOCK; i++) sum += tar[i];
  write(tar, sum.toString(8).padStart(6, '0') + '\u0000 ', at + 148, 8);
}

// ustar keeps up to 100 bytes of name plus 155 of prefix, split at a "/".
function splitName(name: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '') return { name: rest, prefix };
  }
  return undefined;
}

// A PAX record is "<length> <key>=<value>\n", where length counts its own digits.
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body);
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return Buffer.from(`${length}${body}`);
}

function write(h: Buffer, text: string, offset: number, length: number): void {
  if (Buffer.byteLength(text) > length) throw new InternalError(`tar header field too long: ${text}`);
  h.write(text, offset, length, 'utf8');
}

function octal(h: Buffer, value: number, offset: number, length: number): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new InternalError(`tar header value ${value} does not fit`);
  write(h, digits.padStart(length - 1, '0') + '\u0000', offset, length);
}
