// Reads the control data of a Debian package (.deb): an `ar` archive whose member control.tar[.gz|
// .xz|.zst] holds the `control` file (deb(5)). gzip is read natively; xz and zstd through the `xz`
// and `zstd` programs when they are installed.
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';

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
  return {
    package: fields.Package,
    version: fields.Version,
    architecture: fields.Architecture ?? '',
    depends: fields.Depends ?? '',
    preDepends: fields['Pre-Depends'] ?? '',
    provides: fields.Provides ?? '',
  };
}

function findArMember(ar: Buffer, wanted: (name: string) => boolean): { name: string; data: Buffer } | undefined {
  let offset = AR_MAGIC.length;
  while (offset + 60 <= ar.length) {
    const name = ar.subarray(offset, offset + 16).toString('latin1').trim().replace(/\/$/, '');
    const size = Number(ar.subarray(offset + 48, offset + 58).toString('latin1').trim());
    if (!Number.isSafeInteger(size) || offset + 60 + size > ar.length) throw new Error('truncated ar archive');
    if (wanted(name)) return { name, data: ar.subarray(offset + 60, offset + 60 + size) };
    offset += 60 + size + (size % 2); // members are 2-byte aligned
  }
  return undefined;
}

function decompress(name: string, data: Buffer): Buffer {
  if (name === 'control.tar') return data;
  if (name === 'control.tar.gz') return gunzipSync(data);
  const program = name === 'control.tar.xz' ? 'xz' : name === 'control.tar.zst' ? 'zstd' : undefined;
  if (!program) throw new Error(`unknown control member ${name}`);
  const run = spawnSync(program, ['-dc'], { input: data, maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`${name} needs the ${program} program to read, and it is not installed`);
  return run.stdout;
}

function findTarFile(tar: Buffer, wanted: (name: string) => boolean): Buffer | undefined {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
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
    if (/^[ \t]/.test(line) && last) fields[last] += '\n' + line.trim();
    else {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (m) fields[(last = m[1])] = m[2];
    }
  }
  return fields;
}
