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
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const isDir = entry.name.endsWith('/');
    const size = isDir ? 0 : (entry.content?.length ?? 0);
    const fields = splitName(entry.name);
    if (!fields) {
      const record = paxRecord('path', entry.name);
      parts.push(header({ name: 'PaxHeader', mode: 0o644, size: record.length, mtime: mtimeSeconds, type: 'x' }), padded(record));
    }
    parts.push(header({ ...(fields ?? { name: entry.name.slice(0, 99), prefix: '' }), mode: entry.mode, size, mtime: mtimeSeconds, type: isDir ? '5' : '0' }));
    if (!isDir && entry.content) parts.push(padded(entry.content));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

interface HeaderFields {
  name: string;
  prefix?: string;
  mode: number;
  size: number;
  mtime: number;
  type: '0' | '5' | 'x';
}

function header(f: HeaderFields): Buffer {
  const h = Buffer.alloc(BLOCK);
  write(h, f.name, 0, 100);
  octal(h, f.mode, 100, 8);
  octal(h, 0, 108, 8); // uid
  octal(h, 0, 116, 8); // gid
  octal(h, f.size, 124, 12);
  octal(h, f.mtime, 136, 12);
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  write(h, f.type, 156, 1);
  write(h, 'ustar\u000000', 257, 8);
  write(h, f.prefix ?? '', 345, 155);
  let sum = 0;
  for (const byte of h) sum += byte;
  write(h, sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8);
  return h;
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

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
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
