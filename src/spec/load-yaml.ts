// Specs written in YAML: the same document as the JSON form, read with the `yaml` library, which
// keeps every node's source range. The nodes are turned into the syntax-tree shape that
// diagnostics/locate.ts walks, so every diagnostic gets its exact line and column in YAML too.
import type { Node } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, Lexer, parseDocument, type Document, type Node as YamlNode } from 'yaml';

/** Deeper than any cluster spec (app bodies included) nests; the parser is not asked to build more. */
export const MAX_YAML_DEPTH = 100;
/** What the document may grow to once its aliases are expanded: the same cap as the text. */
export const MAX_EXPANDED_BYTES = 32 * 1024 * 1024;

export interface ParsedYaml {
  tree?: Node;
  value?: unknown;
  /** Syntax errors: offset and message. */
  errors: Array<{ offset: number; message: string }>;
}

/** Parses YAML text (1.2 core schema, duplicate keys left to the caller). Never throws for bad input. */
export function parseYamlText(text: string): ParsedYaml {
  // Before any node is built: 4 MB of "[" would otherwise take minutes and gigabytes to refuse.
  const deep = findTooDeep(text);
  if (deep !== undefined) return { errors: [{ offset: deep, message: `nested more than ${MAX_YAML_DEPTH} levels deep, too deeply to be a cluster spec` }] };
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return { errors: doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] })) };
  try {
    // Before anything is expanded: a few aliases of aliases multiply a small text into gigabytes.
    if (expandedBytes(doc) > MAX_EXPANDED_BYTES) {
      return {
        errors: [{ offset: 0, message: `its aliases expand it past ${MAX_EXPANDED_BYTES / 1024 / 1024} MiB, far more than any cluster spec (an alias bomb)` }],
      };
    }
    // A small alias budget: an alias bomb is refused instead of expanded.
    return { tree: doc.contents ? toTree(doc.contents) : undefined, value: doc.toJS({ maxAliasCount: 50 }), errors: [] };
  } catch (err) {
    const message = err instanceof RangeError ? 'nested too deeply to be a cluster spec' : `${(err as Error).message} (aliases that expand too far)`;
    return { errors: [{ offset: 0, message }] };
  }
}

function toTree(node: YamlNode | null): Node {
  const [start, , end] = node?.range ?? [0, 0, 0];
  const base = { offset: start, length: end - start } as Node;
  if (isMap(node)) {
    const children = node.items.map((pair): Node => {
      const key = toTree(pair.key as YamlNode);
      const value = toTree(pair.value as YamlNode | null);
      return {
        type: 'property',
        offset: key.offset,
        length: value.offset + value.length - key.offset,
        children: [{ ...key, value: String(key.value) }, value],
      };
    });
    return { ...base, type: 'object', children };
  }
  if (isSeq(node)) return { ...base, type: 'array', children: node.items.map((item) => toTree(item as YamlNode)) };
  if (isAlias(node)) return { ...base, type: 'null', value: null };
  const value = isScalar(node) ? node.value : null;
  const type = value === null || value === undefined ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  return { ...base, type, value };
}

/**
 * The offset where the text first nests deeper than MAX_YAML_DEPTH, or undefined. Reads the lexer's
 * tokens (so quotes and comments are understood) and stops there. Block levels are counted by
 * indentation: a line's first node, and a node after "-" or "?" on the same line, opens a level at
 * its column and closes those at or right of it; flow collections count "[" and "{". Never throws.
 */
function findTooDeep(text: string): number | undefined {
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let column = 0;
  let opensLevel = true;
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    offset += token.length;
    // The lexer's markers (document start, scalar start, ...) are one control character wide and take no place.
    if (token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n') continue;
    if (token === '\n') {
      column = 0;
      opensLevel = true;
      continue;
    }
    const blank = /^[ \t]*$/.test(token);
    if (!blank && !token.startsWith('#')) {
      if (flow === 0 && opensLevel) {
        while (columns.length > 0 && columns[columns.length - 1] >= column) columns.pop();
        columns.push(column);
      }
      opensLevel = token === '-' || token === '?';
      if (token === '[' || token === '{') flow++;
      else if ((token === ']' || token === '}') && flow > 0) flow--;
      if (columns.length + flow > MAX_YAML_DEPTH) return start;
    }
    const lastBreak = token.lastIndexOf('\n');
    column = lastBreak < 0 ? column + token.length : token.length - lastBreak - 1;
  }
  return undefined;
}

/**
 * About how many bytes the document takes once every alias is replaced by what it names; each
 * anchored node is measured once (memoised), so this is linear in the text. Never throws but for
 * RangeError on alias chains too long to follow.
 */
function expandedBytes(doc: Document): number {
  const sizes = new Map<unknown, number>();
  const measure = (node: unknown): number => {
    if (node === null || node === undefined) return 4;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let size: number;
    if (isAlias(node)) size = measure(node.resolve(doc));
    else if (isMap(node)) size = node.items.reduce((sum, pair) => sum + measure(pair.key) + measure(pair.value) + 2, 2);
    else if (isSeq(node)) size = node.items.reduce((sum: number, item) => sum + measure(item) + 1, 2);
    else if (isScalar(node)) size = String(node.value).length + 2;
    else size = 4;
    sizes.set(node, size);
    return size;
  };
  return measure(doc.contents);
}
