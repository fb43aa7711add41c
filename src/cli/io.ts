import { writeFileSync } from 'node:fs';
import { UsageError } from '../util/errors.js';

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
  colour: () => process.stdout.isTTY === true && !process.env.NO_COLOR,
  framesOnErr: () => process.stderr.isTTY === true && !process.env.NO_COLOR,
  progressOnErr: () => process.stderr.isTTY === true,
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
  /** Stopped by SIGINT (128 + 2; SIGTERM gives 143); the previous output is untouched. */
  interrupted: 130,
  /** A bug in mesosgen (EX_SOFTWARE). */
  internal: 70,
} as const;

/** Writes a file the user named on the command line; throws UsageError (exit 2) naming it on failure. */
export function writeUserFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new UsageError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
