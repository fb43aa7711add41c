// Code frames: the spec's line around each diagnostic with the offending value underlined, as the
// TypeScript compiler and Butane show them on a terminal. Text only; the JSON format stays as it is.
import { escapeForMessage } from '../util/text.js';
import type { LocatedDiagnostic } from './diagnostic.js';

/** Lines shown before the offending one. */
const CONTEXT = 1;

/**
 * The frame for one diagnostic: the line before, the line itself, and a row of ^ under the token
 * that starts at its column. Empty when the line is not in `lines`. Never fails.
 */
export function codeFrame(d: LocatedDiagnostic, lines: readonly string[]): string {
  const line = lines[d.line - 1];
  if (line === undefined) return '';
  const first = Math.max(1, d.line - CONTEXT);
  const width = String(d.line).length;
  const row = (n: number, mark: string) => `${mark} ${String(n).padStart(width)} | ${escapeForMessage(lines[n - 1].replace(/\t/g, ' '))}`;
  const shown = [];
  for (let n = first; n < d.line; n++) shown.push(row(n, ' '));
  shown.push(row(d.line, '>'));
  const start = Math.min(d.column - 1, line.length);
  shown.push(`  ${' '.repeat(width)} | ${' '.repeat(start)}${'^'.repeat(Math.max(1, tokenLength(line, start)))}`);
  return shown.join('\n') + '\n';
}

// The JSON token at `start`: a string with its quotes, or a run up to the next delimiter.
function tokenLength(line: string, start: number): number {
  if (line[start] === '"') {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '"') return i - start + 1;
    }
    return line.length - start;
  }
  const m = /^[^\s,\]}:]*/.exec(line.slice(start));
  return m ? m[0].length : 1;
}
