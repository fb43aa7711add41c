// One serialiser per output format. Every value from the spec that lands in a generated file goes
// through the function for that file's format. The schema and the rules already refuse values that
// a format cannot carry, so a refusal here is a mesosgen bug (InternalError), never a user error.
import { InternalError } from './errors.js';
import { charAt, describeChar, escapeForMessage, findUnsafeChar } from './text.js';

/** Throws InternalError when `text` holds a line break (Unicode's too) or a control character. */
function assertOneLine(format: string, text: string): void {
  const at = findUnsafeChar(text);
  if (at >= 0)
    throw new InternalError(`${format} value "${escapeForMessage(text)}" holds ${describeChar(charAt(text, at))}, which the rules should have refused`);
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes `value` as one POSIX shell word: bare when it is plainly safe, otherwise single-quoted. */
export function shellQuote(value: string | number): string {
  const text = typeof value === 'number' ? numberText(value) : value;
  assertOneLine('shell', text);
  if (SHELL_SAFE.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Escapes a value for a Java .properties line (zoo.cfg); refuses line breaks, which would start a new key. */
export function propertiesValue(value: string | number): string {
  const text = typeof value === 'number' ? numberText(value) : value;
  assertOneLine('zoo.cfg', text);
  // A backslash is an escape in .properties files; ZooKeeper trims surrounding spaces itself.
  return text.replaceAll('\\', '\\\\');
}

/**
 * Content of a Mesos flag file. mesos-init-wrapper passes the whole file as the value
 * (`--name="$(cat file)"`), so the file holds the value and one newline (stripped by `$(cat)`), no comment.
 */
export function flagFileContent(value: string): string {
  assertOneLine('flag file', value);
  return value + '\n';
}

/** One /etc/hosts field (address or name); refuses whitespace and `#`, which would split or end the line. */
export function hostsField(value: string): string {
  assertOneLine('/etc/hosts', value);
  if (value === '' || /[\s#]/.test(value)) throw new InternalError(`/etc/hosts field ${JSON.stringify(value)} is unsafe`);
  return value;
}

/** Text placed inside a `#` comment line; refuses line breaks, which would end the comment. */
export function commentText(value: string | number): string {
  const text = typeof value === 'number' ? numberText(value) : value;
  assertOneLine('comment', text);
  return text;
}

/**
 * A value in an environment file that both systemd (EnvironmentFile=) and a shell (`.`) read the
 * same way: bare when plainly safe, otherwise single-quoted. Single quotes, backslashes and line
 * breaks have no common form, so they are refused (the rules keep them out of the spec).
 */
export function envFileValue(value: string | number): string {
  const text = typeof value === 'number' ? numberText(value) : value;
  assertOneLine('environment file', text);
  if (text === '' || SHELL_SAFE.test(text)) return text;
  if (/['\\]/.test(text)) throw new InternalError(`environment value ${JSON.stringify(text)} cannot be written safely`);
  return `'${text}'`;
}

/**
 * Unit names or numbers for a systemd unit-file setting, space-separated; refuses anything that
 * could split, extend or escape the line.
 */
export function systemdWords(value: string | number | ReadonlyArray<string | number>): string {
  const words = (Array.isArray(value) ? value : [value]).map(String);
  const bad = words.find((w) => !/^[A-Za-z0-9@_.:-]+$/.test(w));
  if (bad !== undefined) throw new InternalError(`systemd value ${JSON.stringify(bad)} is unsafe`);
  return words.join(' ');
}

/** An absolute path in a unit file: no space, no "%" specifier, no "$" variable, no quoting. */
export function systemdPath(value: string): string {
  if (!/^(\/[A-Za-z0-9@_.+-]+)+$/.test(value)) throw new InternalError(`systemd path ${JSON.stringify(value)} is unsafe`);
  return value;
}

/** One word of an apt sources or preferences line; refuses whitespace and anything that starts a comment. */
export function aptWord(value: string): string {
  assertOneLine('apt', value);
  if (value === '' || /[\s#]/.test(value)) throw new InternalError(`apt value ${JSON.stringify(value)} is unsafe`);
  return value;
}

/**
 * A scalar of a YAML file Ansible reads: double-quoted (a JSON string, which PyYAML and the JS
 * library read alike) with line breaks and controls refused. Ansible templates every string it
 * reads, so Jinja's delimiters are refused too: a value must never become an expression.
 */
export function ansibleValue(value: string | number): string {
  if (typeof value === 'number') return numberText(value);
  assertOneLine('Ansible', value);
  if (/\{\{|\{%|\{#/.test(value)) throw new InternalError(`Ansible value ${JSON.stringify(value)} would be templated`);
  return JSON.stringify(value);
}

/**
 * Why `value` cannot be written as a plain decimal that reads back as the number the user wrote,
 * or undefined when it can: not finite, an integer past 2^53 (no longer exact), or a magnitude
 * that JavaScript writes with an exponent (1e21 and up, under 1e-6). Never throws.
 */
export function describeInexactNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'is too large to be a number';
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    return `is past 2^53, where a JSON number is no longer exact (it would be written ${String(value)})`;
  if (/e/i.test(String(value))) return `would be written in exponent notation (${String(value)}), which the programs do not read as a number`;
  return undefined;
}

/** A number as every generated file writes it: plain decimal. Throws InternalError for one the rules should have refused. */
export function numberText(value: number): string {
  const why = describeInexactNumber(value);
  if (why !== undefined) throw new InternalError(`the number ${String(value)} ${why}, which the rules should have refused`);
  return String(value);
}
