import { chmodSync, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError, describeIoError } from '../util/errors.js';

// Where the CLI prints. Injected so tests can capture output without spawning a process.
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stdout may be coloured: a terminal, and NO_COLOR unset. */
  colour?: () => boolean;
  /** Whether stderr is a terminal a person reads (and NO_COLOR unset): diagnostics get code frames there. */
  framesOnErr?: () => boolean;
  /** Whether stderr is a terminal that can show a progress line rewritten in place. */
  progressOnErr?: () => boolean;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  colour: () => process.stdout.isTTY && !process.env.NO_COLOR,
  framesOnErr: () => process.stderr.isTTY && !process.env.NO_COLOR,
  progressOnErr: () => process.stderr.isTTY,
};

/** Exit codes: the contract documented in --help and the README. */
export const EXIT = {
  ok: 0,
  /** The spec has errors (or warnings under --strict). */
  invalid: 1,
  /** Bad command line, or a file that cannot be read or written. */
  usage: 2,
  /** diff: OLD and NEW differ (diff(1)'s 1). */
  changes: 1,
  /** diff and plan: a change the risk rules refuse (e.g. a renumbered ZooKeeper member). */
  refused: 3,
  /** verify: no drift, but some endpoint could not be asked. */
  unreachable: 3,
  /** Stopped by SIGINT (128 + 2; SIGTERM gives 143); the previous output is untouched. */
  interrupted: 130,
  /** A bug in mesosgen (EX_SOFTWARE). */
  internal: 70,
} as const;

/**
 * Writes a file the user named on the command line. An existing one is replaced only with
 * `replace` (the command's --force, or a command whose job is to edit it in place) and only when
 * it is a regular file (through a link, the file it names): never a FIFO (which would block), a
 * device or a directory. The text goes to a temporary file beside it and is renamed into place,
 * with the replaced file's mode, so nobody reads half a file. Throws UsageError (exit 2) naming the
 * path on any refusal or failure.
 */
export function writeUserFile(path: string, text: string, replace: boolean): void {
  let target = path;
  let mode: number | undefined;
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing) {
    target = existing.isSymbolicLink() ? realOrSelf(path) : path;
    const stat = statSync(target, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) throw new UsageError(`${path} exists and is not a regular file; refusing to write to it`);
    if (stat && !replace) throw new UsageError(`${path} exists; pass --force to replace it`);
    mode = stat ? stat.mode & 0o7777 : undefined;
  }
  const temp = join(dirname(target), `.${basename(target)}.mesosgen-${process.pid}`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${describeIoError(err)}`);
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // a dangling link: replaced by the new file
  }
}
