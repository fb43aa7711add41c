// Reading untrusted input files (the spec, secret files, the repository key, bundled .debs, a
// build directory's manifest and files): only regular files, never more than a cap. Opening with
// O_NONBLOCK means a FIFO cannot block the build; fstat after open judges the file actually opened,
// so a link swapped between a check and the read changes nothing.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeIoError } from './errors.js';

/** Why an input file could not be read: a short reason for a diagnostic ("not a regular file"). */
export class InputFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** 64 KiB: far more than any secret; a larger "secret" file is a wrong path. */
export const MAX_SECRET_BYTES = 64 * 1024;
/** 1 MiB: an ASCII-armored key is a few KiB. */
export const MAX_KEY_BYTES = 1024 * 1024;
/** 2 GiB: about the largest .deb Debian ships, and Node's largest Buffer. */
export const MAX_DEB_BYTES = 2 ** 31 - 1;

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * Reads a regular file of at most `maxBytes`. Throws InputFileError with the reason ("no such file
 * or directory", "a FIFO, not a regular file", "larger than 64 KiB") when the path is anything else;
 * never blocks on a FIFO or a device and never reads past the cap.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    throw new InputFileError(describeIoError(err));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputFileError(`${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new InputFileError(`larger than ${formatBytes(maxBytes)}`);
    // Read one byte past the size: a file that grows while it is read is refused, not followed.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes || length > stat.size) throw new InputFileError('changed while it was read');
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(describeIoError(err));
  } finally {
    closeSync(fd);
  }
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  return stat.isDirectory() ? 'a directory'
    : stat.isFIFO() ? 'a FIFO'
    : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device'
    : stat.isSocket() ? 'a socket'
    : 'a special file';
}

/** 65536 -> "64 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return `${value} ${units[unit]}`;
}
