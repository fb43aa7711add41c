import { escapeForMessage } from '../util/text.js';
import { MESSAGES, type Code, type MessageParams } from './messages.js';

export type Severity = 'error' | 'warning';

/** A problem found in a spec: data, never an exception. `path` is a JSON Pointer into the spec. */
export interface Diagnostic {
  severity: Severity;
  code: Code;
  path: string;
  message: string;
  /** Point at the key rather than the value (unknown or duplicate keys). */
  at?: 'key';
  /** Exact character offset, for syntax errors that have no pointer. */
  offset?: number;
  /** Index of the offending character inside the string value the pointer names (a schedule's bad part). */
  within?: number;
}

/** A diagnostic placed in its source file, 1-based line and column. */
export interface LocatedDiagnostic extends Diagnostic {
  file: string;
  line: number;
  column: number;
}

/** Builds a diagnostic from the catalogue entry for `code`. */
export function diagnose<C extends Code>(
  code: C,
  path: string,
  params: MessageParams<C>,
  extra: Pick<Diagnostic, 'at' | 'offset' | 'within'> = {},
): Diagnostic {
  const entry = MESSAGES[code] as { severity: Severity; text: (p: MessageParams<C>) => string };
  // Values from the spec are escaped (like JSON does), so one diagnostic stays one line.
  const message = escapeForMessage(entry.text(params));
  return { severity: entry.severity, code, path, message, ...extra };
}

/** True when the diagnostics stop the build: any error, or any warning under `strict`. */
export function isFatal(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || strict);
}
