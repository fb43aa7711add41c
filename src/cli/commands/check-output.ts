// Shared by build and validate: print diagnostics in the chosen format and pick the exit code.
import type { CheckResult } from '../../pipeline.js';
import { formatDiagnosticsJson, formatDiagnosticsText } from '../../diagnostics/format.js';
import { EXIT, type CliIo } from '../io.js';

export type OutputFormat = 'text' | 'json';

/** Prints the diagnostics (text to stderr, JSON to stdout) and returns the exit code for them. */
export function reportDiagnostics(result: CheckResult, format: OutputFormat, io: CliIo, nothingWritten = false, extra: object = {}): number {
  if (format === 'json') io.out(formatDiagnosticsJson(result.diagnostics, extra));
  else io.err(formatDiagnosticsText(result.diagnostics, io.framesOnErr?.() ? result.sourceText : undefined));
  if (!result.ok && format === 'text') {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    io.err(
      `mesosgen: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${nothingWritten ? '; nothing written' : ''}\n`,
    );
  }
  return result.ok ? EXIT.ok : EXIT.invalid;
}
