// Where the CLI prints. Injected so tests can capture output without spawning a process.
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Exit codes: the contract documented in --help and the README. */
export const EXIT = {
  ok: 0,
  /** The spec has errors (or warnings under --strict). */
  invalid: 1,
  /** Bad command line, or a file that cannot be read or written. */
  usage: 2,
  /** A bug in mesosgen (EX_SOFTWARE). */
  internal: 70,
} as const;
