// Reading a file the spec names, with the problem as a diagnostic: shared by every gather step.
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { InputFileError, readRegularFile } from '../util/read-file.js';

/**
 * The directory relative paths in the spec start from: the spec file's real directory, so a spec
 * reached through a symlink reads the files beside the file itself. Falls back to the directory as
 * named when the spec has no real path (standard input).
 */
export function specDirectory(specPath: string): string {
  try {
    return dirname(realpathSync(specPath));
  } catch {
    return dirname(resolve(specPath));
  }
}

/**
 * Reads a regular file of at most `maxBytes`; on failure reports E_FILE_UNREADABLE at `pointer`
 * (naming the file as the spec wrote it and the path tried) and returns undefined.
 */
export function readOrReport(path: string, shown: string, maxBytes: number, pointer: string, diagnostics: Diagnostic[]): Buffer | undefined {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    diagnostics.push(diagnose('E_FILE_UNREADABLE', pointer, { file: shown, tried: path, reason: err.reason }));
    return undefined;
  }
}
