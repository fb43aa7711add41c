// Specs written in YAML: the same document as the JSON form, read with the `yaml` library, which
// keeps every node's source range. The nodes are turned into the syntax-tree shape that
// diagnostics/locate.ts walks, so every diagnostic gets its exact line and column in YAML too.
import type { Node } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

export interface ParsedYaml {
  tree?: Node;
  value?: unknown;
  /** Syntax errors: offset and message. */
  errors: Array<{ offset: number; message: string }>;
}

/** Parses YAML text (1.2 core schema, duplicate keys left to the caller). Never throws for bad input. */
export function parseYamlText(text: string): ParsedYaml {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return { errors: doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] })) };
  try {
    // A small alias budget: an alias bomb is refused instead of expanded.
    return { tree: doc.contents ? toTree(doc.contents as YamlNode) : undefined, value: doc.toJS({ maxAliasCount: 50 }), errors: [] };
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
      return { type: 'property', offset: key.offset, length: value.offset + value.length - key.offset, children: [{ ...key, value: String(key.value) }, value] } as Node;
    });
    return { ...base, type: 'object', children };
  }
  if (isSeq(node)) return { ...base, type: 'array', children: node.items.map((item) => toTree(item as YamlNode)) };
  if (isAlias(node)) return { ...base, type: 'null', value: null };
  const value = isScalar(node) ? node.value : null;
  const type = value === null || value === undefined ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  return { ...base, type, value } as Node;
}
