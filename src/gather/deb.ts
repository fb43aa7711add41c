// Reads the control data of a Debian package (.deb): an `ar` archive whose member control.tar[.gz|
// .xz|.zst] holds the `control` file (deb(5)). gzip is read natively; xz and zstd through the `xz`
// and `zstd` programs when they are installed. A .deb is untrusted input: every size field is
// parsed strictly and bounded by the file, inflating stops at a fixed size, and the fields that
// reach install.sh (package, version, architecture) must match Debian policy's syntax.
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { charAt, describeChar, findUnsafeChar } from '../util/text.js';

export interface DebControl {
  package: string;
  version: string;
  architecture: string;
  /** The relationship fields as written (deb-control(5)); empty when absent. */
  depends: string;
  preDepends: string;
  provides: string;
}

const AR_MAGIC = '!<arch>\n';
/** control.tar holds the maintainer scripts and md5sums: a few MiB for the largest packages. */
export const MAX_CONTROL_TAR_BYTES = 64 * 1024 * 1024;
/** Debian policy 5.6.1 (Package), 5.6.12 (Version), 5.6.8 (Architecture). */
const FIELD_SYNTAX: Record<string, RegExp> = {
  Package: /^[a-z0-9][a-z0-9+.-]+$/,
  Version: /^([0-9]+:)?[A-Za-z0-9][A-Za-z0-9.+~:-]*$/,
  Architecture: /^[a-z0-9][a-z0-9-]*$/,
};

/**
 * Returns the package's name, version, architecture and relationship fields. Throws Error with a reason a user can act
 * on when the file is not a .deb or its control data cannot be read.
 */
export function readDebControl(deb: Buffer): DebControl {
  if (deb.subarray(0, 8).toString('latin1') !== AR_MAGIC) throw new Error('not a Debian package (no ar header)');
  const member = findArMember(deb, (name) => name.startsWith('control.tar'));
  if (!member) throw new Error('no control.tar member');
  const tar = decompress(member.name, member.data);
  const control = findTarFile(tar, (name) => name === 'control' || name === './control');
  if (!control) throw new Error('no control file in control.tar');
  const fields = parseControl(control.toString('utf8'));
  if (!fields.Package || !fields.Version) throw new Error('control file without Package or Version');
  // Relationship fields may be folded over several lines (deb-control(5)); the others may not.
  for (const name of ['Depends', 'Pre-Depends', 'Provides']) if (fields[name] !== undefined) fields[name] = fields[name].replaceAll('\n', ' ');
  checkFields(fields);
  return {
    package: fields.Package,
    version: fields.Version,
    architecture: fields.Architecture ?? '',
    depends: fields.Depends ?? '',
    preDepends: fields['Pre-Depends'] ?? '',
    provides: fields.Provides ?? '',
  };
}

// The values install.sh and the manifest carry, and the relationships messages quote: refused here
// (so at validate) when they hold what no line-oriented file can carry or break Debian's syntax.
function checkFields(fields: Record<string, string>): void {
  for (const name of ['Package', 'Version', 'Architecture', 'Depends', 'Pre-Depends', 'Provides']) {
    const value = fields[name];
    if (value === undefined) continue;
    const at = findUnsafeChar(value);
    if (at >= 0) throw new Error(`its ${name} field holds ${describeChar(charAt(value, at))}${value[at] === '\n' ? ' (a continuation line)' : ''}`);
    const syntax = FIELD_SYNTAX[name];
    if (syntax && !syntax.test(value))
      throw new Error(`its ${name} field ${JSON.stringify(value.slice(0, 80))} is not valid Debian ${name.toLowerCase()} syntax`);
  }
}

// ar(5): a 60-byte header per member, its size in decimal ASCII (space-padded) at 48-57.
function findArMember(ar: Buffer, wanted: (name: string) => boolean): { name: string; data: Buffer } | undefined {
  let offset = AR_MAGIC.length;
  while (offset + 60 <= ar.length) {
    const name = ar.subarray(offset, offset + 16).toString('latin1').trim().replace(/\/$/, '');
    const field = ar.subarray(offset + 48, offset + 58).toString('latin1').trimEnd();
    if (!/^[0-9]{1,10}$/.test(field)) throw new Error(`ar member at byte ${offset} has the size field ${JSON.stringify(field)}, not a decimal number`);
    const size = Number(field);
    if (offset + 60 + size > ar.length) throw new Error('truncated ar archive');
    if (wanted(name)) return { name, data: ar.subarray(offset + 60, offset + 60 + size) };
    offset += 60 + size + (size % 2); // members are 2-byte aligned
  }
  return undefined;
}

// Inflates with a hard limit on the output: a small member must not expand into gigabytes.
function decompress(name: string, data: Buffer): Buffer {
  const tooLarge = new Error(`${name} inflates to more than ${MAX_CONTROL_TAR_BYTES / 1024 / 1024} MiB; no real package's control data is that large`);
  if (name === 'control.tar') return data;
  if (name === 'control.tar.gz') {
    try {
      return gunzipSync(data, { maxOutputLength: MAX_CONTROL_TAR_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge;
      throw new Error(`${name} is not valid gzip data`);
    }
  }
  const program = name === 'control.tar.xz' ? 'xz' : name === 'control.tar.zst' ? 'zstd' : undefined;
  if (!program) throw new Error(`unknown control member ${name}`);
  const run = spawnSync(program, ['-dc'], { input: data, maxBuffer: MAX_CONTROL_TAR_BYTES });
  const code = run.error && 'code' in run.error ? run.error.code : undefined;
  if (code === 'ENOBUFS') throw tooLarge;
  if (code === 'ENOENT') throw new Error(`${name} needs the ${program} program to read, and it is not installed`);
  if (run.error || run.status !== 0) throw new Error(`${name} is not valid ${program} data`);
  return run.stdout;
}

// ustar: 512-byte headers, the size in octal ASCII at 124-135 (NUL- or space-terminated).
function findTarFile(tar: Buffer, wanted: (name: string) => boolean): Buffer | undefined {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const field = header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim();
    if (!/^[0-7]{1,12}$/.test(field)) throw new Error(`control.tar entry at byte ${offset} has the size field ${JSON.stringify(field)}, not an octal number`);
    const size = parseInt(field, 8);
    if (offset + 512 + size > tar.length) throw new Error('truncated control.tar');
    if (wanted(name)) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** deb-control(5) fields of the first paragraph; continuation lines are appended. */
function parseControl(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let last = '';
  for (const line of text.split('\n')) {
    if (line === '') break;
    // Kept as a line break: checkFields refuses it where a field must be one line, and the
    // relationship fields are split at "," anyway.
    if (/^[ \t]/.test(line) && last) fields[last] += '\n' + line.trim();
    else {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (m) fields[(last = m[1])] = m[2];
    }
  }
  return fields;
}
