// Turns located diagnostics into what `validate` and `build` print.
import type { LocatedDiagnostic } from './diagnostic.js';
import { codeFrame } from './frame.js';
import { escapeForMessage } from '../util/text.js';

/**
 * One line per diagnostic: `FILE:LINE:COL: error CODE /pointer: message`; with the spec's `source`
 * text (on a terminal), each followed by its code frame.
 */
export function formatDiagnosticsText(diagnostics: readonly LocatedDiagnostic[], source?: string): string {
  const lines = source?.split(/\r?\n/);
  return (
    diagnostics
      // The file name, the pointer (built from the spec's keys) and the message may hold what the
      // user wrote: escaped, so no value can forge a line, send a terminal escape or hide behind a
      // bidi control.
      .map(
        (d) =>
          `${escapeForMessage(d.file)}:${d.line}:${d.column}: ${d.severity} ${d.code} ` +
          `${escapeForMessage(d.path || '/')}: ` +
          `${escapeForMessage(d.message)}\n${lines ? codeFrame(d, lines) : ''}`,
      )
      .join('')
  );
}

/** The same diagnostics as one JSON document for CI, with counts; ends with a newline. */
export function formatDiagnosticsJson(diagnostics: readonly LocatedDiagnostic[], extra: object = {}): string {
  const items = diagnostics.map(({ file, line, column, severity, code, path, message }) => ({
    file,
    line,
    column,
    severity,
    code,
    path,
    message,
  }));
  const errors = items.filter((d) => d.severity === 'error').length;
  return JSON.stringify({ errors, warnings: items.length - errors, diagnostics: items, ...extra }, null, 2) + '\n';
}
