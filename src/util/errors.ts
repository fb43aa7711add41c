// The three ways a mesosgen run can fail, each with its own exit code (see EXIT in cli/main.ts).
// An invalid spec is not an exception: it is a list of diagnostics returned as data.

/** Wrong command line, or a file that cannot be read or written. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A mistake on the command line itself (an unknown option, a missing argument): the usage hint applies. */
export class CommandLineError extends UsageError {
  override name = 'CommandLineError';
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
};

/** An fs error's code in words, the one wording every command uses ("no such file or directory"); the code itself when unknown. */
export function describeIoError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return String(err);
  return IO_REASONS[code] ?? code;
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
