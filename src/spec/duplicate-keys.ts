// Repeated keys in a spec: readers silently keep one of them, so each repeat is an error at the key.
import { visit, type Node } from 'jsonc-parser';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../util/errors.js';
import { toPointer } from '../util/pointer.js';

/**
 * Repeated keys of well-formed JSON text, found in one streaming pass (no tree): each reported at
 * the repeated key, with the pointer of the value JSON.parse keeps. Throws UsageError when the text
 * nests too deeply for the parser's recursion.
 */
export function findDuplicateKeysInText(text: string, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  // Per open object: its keys so far; per open container: the path segments leading to it.
  const keys: Array<Set<string>> = [];
  const path: Array<string | number> = [];
  // Per open array: the index of its next element.
  const indexes: number[] = [];
  const containers: Array<'object' | 'array'> = [];
  // A value starts: inside an array its index names it (inside an object, its key already does).
  const nextSegment = () => {
    if (containers[containers.length - 1] === 'array') path.push(indexes[indexes.length - 1]++);
  };
  try {
    visit(text, {
      onObjectBegin: () => {
        nextSegment();
        containers.push('object');
        keys.push(new Set());
      },
      onObjectProperty: (key, offset) => {
        const seen = keys[keys.length - 1];
        if (seen.has(key)) found.push(diagnose('E_JSON_DUPLICATE_KEY', toPointer(...path, key), { key }, { offset }));
        seen.add(key);
        path.push(key);
      },
      onObjectEnd: () => {
        containers.pop();
        keys.pop();
        popValue();
      },
      onArrayBegin: () => {
        nextSegment();
        containers.push('array');
        indexes.push(0);
      },
      onArrayEnd: () => {
        containers.pop();
        indexes.pop();
        popValue();
      },
      onLiteralValue: () => {
        nextSegment();
        popValue();
      },
    }, { disallowComments: true });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`${file}: JSON is nested too deeply to be a cluster spec`);
    throw err;
  }
  // A value just ended: the segment that named it (a key, or an array index) is done.
  function popValue(): void {
    if (containers.length > 0) path.pop();
  }
  return found;
}

/** Repeated keys found in a syntax tree (YAML specs), reported as findDuplicateKeysInText does. */
export function findDuplicateKeys(root: Node): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (node: Node, path: Array<string | number>): void => {
    if (node.type === 'array') node.children?.forEach((child, i) => visit(child, [...path, i]));
    if (node.type !== 'object') return;
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (seen.has(key)) {
        // Point at the repeated key itself; its pointer names the value JSON.parse keeps.
        found.push(diagnose('E_JSON_DUPLICATE_KEY', toPointer(...path, key), { key }, { offset: keyNode.offset }));
      }
      seen.add(key);
      if (valueNode) visit(valueNode, [...path, key]);
    }
  };
  visit(root, []);
  return found;
}
