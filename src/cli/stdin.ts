// "-" on the command line: standard input for a spec (validate, build, diff, plan), standard output
// for init and schema, as in Butane. yargs reads a bare "-" as an empty string, so main() swaps it
// for STDIN before parsing; the commands then ask for what it stands for.
import { readSync } from 'node:fs';
import { join } from 'node:path';
import { openSide } from '../review/side.js';
import type { Side } from '../review/side-types.js';
import { MAX_SPEC_BYTES } from '../spec/load.js';
import { UsageError, describeIoError } from '../util/errors.js';

/** What a bare "-" argument becomes: no file can have this name (it holds a NUL). */
export const STDIN = '\u0000-';

/** Where a spec comes from, as the pipeline takes it. */
export interface SpecSource {
  specPath: string;
  displayName: string;
  specText?: string;
}

let consumed = false;

/** Standard input can be read once per command: main() calls this before each one. */
export function resetStdinUse(): void {
  consumed = false;
}

/**
 * The spec named by a command-line argument: a file, or standard input for "-" (relative paths in
 * it then start at the current directory). Throws UsageError when standard input is asked for
 * twice or holds more than a spec may.
 */
export function specSource(arg: string): SpecSource {
  if (arg !== STDIN) return { specPath: arg, displayName: arg };
  if (consumed) throw new UsageError('only one spec can come from standard input ("-")');
  consumed = true;
  return { specPath: join(process.cwd(), '<stdin>'), displayName: '<stdin>', specText: readStdin() };
}

/** Names an argument as diagnostics name it: standard input is "<stdin>" everywhere. */
export function shown(arg: string): string {
  return arg === STDIN ? '<stdin>' : arg;
}

function readStdin(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw new UsageError(`cannot read standard input: ${describeIoError(err)}`);
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_SPEC_BYTES) throw new UsageError(`standard input: larger than ${MAX_SPEC_BYTES / 1024 / 1024} MiB; is this really a cluster spec?`);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens a review side named on the command line: a spec, a build directory, or "-" (a spec on standard input). */
export function openSideArgument(arg: string): Side {
  if (arg !== STDIN) return openSide(arg);
  const source = specSource(arg);
  return openSide(source.specPath, { specText: source.specText!, displayName: source.displayName });
}
