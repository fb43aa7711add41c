// The three ways a mesosgen run can fail, each with its own exit code (see EXIT in cli/main.ts).
// An invalid spec is not an exception: it is a list of diagnostics returned as data.

/** Wrong command line, or a file that cannot be read or written. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A bug in mesosgen (a template, a plan that breaks its own invariants). Exit code 70. */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** The build was stopped by a signal (SIGINT, SIGTERM); the previous output is untouched. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly signal: string) {
    super(`stopped by ${signal}`);
  }
}
