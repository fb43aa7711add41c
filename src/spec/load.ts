// Stage 1 (spec), load: read the spec file and parse it, keeping the syntax tree so diagnostics get line:col.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { findDuplicateKeys, findDuplicateKeysInText } from './duplicate-keys.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/locate.js';
import { UsageError } from '../util/errors.js';
import { InputFileError, readRegularFile } from '../util/read-file.js';
import { parseYamlText } from './load-yaml.js';

/** Specs above this size are refused before parsing (a 10,000-host spec is about 1.5 MB). */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;

export interface LoadedSpec extends SourceText {
  /** Where the spec was read from; files it names (keys, bundles) are relative to it. */
  path: string;
  /** The parsed document; undefined when it has syntax errors. */
  value: unknown;
  diagnostics: Diagnostic[];
  /** Set when `text` is the JSON `value` was parsed from (so a host's text can be found in it). */
  json?: true;
}

/**
 * Reads and parses a spec file. Syntax errors and duplicate keys come back as diagnostics.
 * Throws UsageError when the file is missing, not a regular file (a FIFO never blocks), larger than
 * MAX_SPEC_BYTES, or not a JSON object.
 */
export function loadSpec(path: string, displayName = path): LoadedSpec {
  let text: string;
  try {
    text = readRegularFile(path, MAX_SPEC_BYTES).toString('utf8');
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    const hint = err.reason.startsWith('larger') ? '; is this really a cluster spec?' : '';
    throw new UsageError(`cannot read ${displayName}: ${err.reason}${hint}`);
  }
  return /\.ya?ml$/i.test(path) ? parseYamlSpecText(text, displayName, path) : parseSpecText(text, displayName, path);
}

/**
 * Parses a spec written in YAML (see loadSpec). Syntax errors and duplicate keys come back as
 * diagnostics; throws UsageError when the document is not a mapping.
 */
export function parseYamlSpecText(rawText: string, file: string, path = file): LoadedSpec {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const parsed = parseYamlText(text);
  if (parsed.errors.length > 0) {
    const diagnostics = parsed.errors.map((e) => diagnose('E_YAML_SYNTAX', '', { detail: e.message }, { offset: e.offset }));
    return { path, file, text, tree: undefined, value: undefined, diagnostics };
  }
  if (parsed.tree?.type !== 'object') {
    throw new UsageError(`${file}: a cluster spec is a YAML mapping (key: value lines), not ${parsed.tree ? describeKind(parsed.tree.type) : 'empty'}`);
  }
  return { path, file, text, tree: parsed.tree, value: parsed.value, diagnostics: findDuplicateKeys(parsed.tree) };
}

/** Parses a spec of either form: YAML unless it starts like a JSON object (standard input). */
export function parseAnySpecText(text: string, file: string, path = file): LoadedSpec {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, '')) ? parseSpecText(text, file, path) : parseYamlSpecText(text, file, path);
}

/**
 * Parses spec text (see loadSpec); `file` is only used in messages, `path` resolves the files the
 * spec names (default: the current directory). Throws UsageError as loadSpec does.
 */
export function parseSpecText(rawText: string, file: string, path = file): LoadedSpec {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  // The common case, a well-formed spec: JSON.parse builds the value (keeping "__proto__" as a plain
  // key), a streaming pass finds repeated keys, and the syntax tree, which takes about 20 times the
  // text's size in memory, is built only if a diagnostic needs a line and column.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseBrokenSpecText(text, file, path);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    throw new UsageError(`${file}: a cluster spec is a JSON object ({ ... }), not ${describeKind(kind)}`);
  }
  const diagnostics = findDuplicateKeysInText(text, file);
  let tree: Node | undefined | null = null;
  return {
    path,
    file,
    text,
    value,
    diagnostics,
    json: true,
    get tree() {
      tree ??= parseTree(text, [], { disallowComments: true });
      return tree;
    },
  };
}

// A spec JSON.parse refuses: the syntax tree places every error.
function parseBrokenSpecText(text: string, file: string, path: string): LoadedSpec {
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`${file}: JSON is nested too deeply to be a cluster spec`);
    throw err;
  }
  if (errors.length === 0) throw new UsageError(`${file}: not JSON that mesosgen can read`);
  // YAML in a .json file: one clear message instead of a parse error per line.
  if (!/^\s*[[{]/.test(text) && parseYamlText(text).tree?.type === 'object') {
    const detail = 'this is YAML, not JSON; name the file .yaml (or .yml) and mesosgen reads it as YAML';
    return { path, file, text, tree: undefined, value: undefined, diagnostics: [diagnose('E_JSON_SYNTAX', '', { detail }, { offset: 0 })] };
  }
  // One report per position: a trailing comma yields both "key expected" and "value expected".
  const firstPerOffset = errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
  const diagnostics = firstPerOffset.map((e) =>
    diagnose('E_JSON_SYNTAX', '', { detail: describeParseError(e, text) }, { offset: placeParseError(e, text) }),
  );
  return { path, file, text, tree, value: undefined, diagnostics };
}

// A missing comma is found at the next key, but it is missing where the previous value ends.
function placeParseError(error: ParseError, text: string): number {
  if (printParseErrorCode(error.error) !== 'CommaExpected') return error.offset;
  let end = error.offset;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function describeParseError(error: ParseError, text: string): string {
  const found = error.length > 0 ? ` at ${JSON.stringify(text.slice(error.offset, error.offset + Math.min(error.length, 20)))}` : ' at end of file';
  const what: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    PropertyNameExpected: 'expected a quoted key (trailing comma?)',
    ValueExpected: 'expected a value (trailing comma?)',
    CommaExpected: 'expected a comma',
    ColonExpected: 'expected a colon',
    CloseBraceExpected: 'expected }',
    CloseBracketExpected: 'expected ]',
    EndOfFileExpected: 'unexpected content after the end of the document',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'incomplete number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'control character in string',
  };
  const name = printParseErrorCode(error.error);
  if (name === 'CommaExpected') return `expected a comma after this value,${found.replace(' at ', ' before ')}`;
  return (what[name] ?? name) + found;
}

/** A document's kind as a message names it: "a list", "a string", "null". */
function describeKind(kind: string): string {
  const words: Record<string, string> = {
    array: 'a list',
    object: 'an object',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return words[kind] ?? kind;
}
