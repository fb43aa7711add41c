// cloud-init user data as YAML: the `yaml` library's output, produced faster for the shapes mesosgen
// writes. Stringifying each host's write_files through the library was the largest rendering cost
// (about 5.9 ms of a host's 8 ms at 10,000 hosts: it builds a node tree and tests every scalar
// against every tag). writeFilesYaml() writes the same bytes directly for the common case, text
// files and plain absolute paths, and hands anything else (base64 content, unusual paths, text
// that would need quoting or chomping indicators) to the library, so the output never depends on
// which path was taken. test/cloud-init-yaml.test.ts checks that equality on generated inputs.
import { stringify } from 'yaml';

/** One write_files entry, keys in the order they are written. */
export interface WriteFile {
  path: string;
  content: string;
  encoding?: 'b64';
  owner: string;
  permissions: string;
}

/** The user data document below its `#cloud-config` header. */
export interface CloudConfig {
  write_files: WriteFile[];
  runcmd: string[][];
}

/** How the library is called; the fast path reproduces exactly this (no folding at any width). */
const LIBRARY_OPTIONS = { lineWidth: 0 } as const;

/** `doc` as YAML, byte for byte what `stringify(doc, { lineWidth: 0 })` gives. Never throws for strings. */
export function cloudConfigYaml(doc: CloudConfig): string {
  return fastCloudConfig(doc) ?? stringify(doc, LIBRARY_OPTIONS);
}

/** The library's output for `doc`, or undefined when a value is outside what this emitter knows. */
export function fastCloudConfig(doc: CloudConfig): string | undefined {
  const out: string[] = ['write_files:\n'];
  for (const f of doc.write_files) {
    if (f.encoding !== undefined) return undefined;
    const path = plainWord(f.path);
    const content = literalBlock(f.content, '      ');
    const owner = plainWord(f.owner);
    const permissions = modeWord(f.permissions);
    if (path === undefined || content === undefined || owner === undefined || permissions === undefined) return undefined;
    out.push(`  - path: ${path}\n    content: ${content}    owner: ${owner}\n    permissions: ${permissions}\n`);
  }
  if (doc.write_files.length === 0) return undefined;
  out.push('runcmd:\n');
  for (const command of doc.runcmd) {
    if (command.length === 0) return undefined;
    for (let i = 0; i < command.length; i++) {
      const word = plainWord(command[i]);
      if (word === undefined) return undefined;
      out.push(i === 0 ? `  - - ${word}\n` : `    - ${word}\n`);
    }
  }
  if (doc.runcmd.length === 0) return undefined;
  return out.join('');
}

// Words the library writes unquoted in block context under its default (YAML 1.2 core) schema: an
// absolute path, an option or a user:group of safe characters. None can read as a number, a
// boolean or null, and none starts with an indicator, holds ": " or " #", or ends with ":".
const PLAIN_WORD = /^(?:\/[\w./@+=-]*|--?[a-z][a-z-]*|[a-z][\w.-]*(?::[a-z][\w.-]*)?)$/;
const CORE_KEYWORD = /^(?:true|false|null)$/;

function plainWord(value: string): string | undefined {
  return PLAIN_WORD.test(value) && !CORE_KEYWORD.test(value) ? value : undefined;
}

// A file mode such as "0644" reads as an integer, so the library double-quotes it.
function modeWord(value: string): string | undefined {
  return /^[0-7]{4}$/.test(value) ? `"${value}"` : undefined;
}

// Text the library writes as a literal block with clip chomping and no indentation indicator:
// it ends with exactly one line break, does not start with a space or line break, and holds no
// character that forces double quotes (controls other than tab and line feed, lone surrogates,
// the C1 range). Lines are indented; empty lines stay empty, as the library writes them.
const FORCES_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

function literalBlock(value: string, indent: string): string | undefined {
  const n = value.length;
  if (n < 2 || value[n - 1] !== '\n') return undefined;
  const last = value[n - 2];
  if (last === '\n' || last === ' ' || last === '\t') return undefined;
  const first = value[0];
  if (first === ' ' || first === '\n' || FORCES_QUOTES.test(value)) return undefined;
  return `|\n${indent}${value.slice(0, -1).replace(/\n+/g, `$&${indent}`)}\n`;
}
