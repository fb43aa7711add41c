// Maps JSON Pointers back to FILE:LINE:COL in the spec text, using the syntax tree from spec/load.ts.
import type { Node } from 'jsonc-parser';
import { byteOrder } from '../util/order.js';
import { fromPointer } from '../util/pointer.js';
import type { Diagnostic, LocatedDiagnostic } from './diagnostic.js';

export interface SourceText {
  file: string;
  text: string;
  tree: Node | undefined;
}

/**
 * Places each diagnostic in the source: at its exact offset when it has one, else at the value (or
 * key) its pointer names, else at the nearest enclosing node that exists (a missing key points at its
 * object). Sorted by position, then code. Never fails; an unknown place becomes line 1, column 1.
 */
export function locateDiagnostics(source: SourceText, diagnostics: readonly Diagnostic[]): LocatedDiagnostic[] {
  const lineStarts = indexLineStarts(source.text);
  const located = diagnostics.map((d) => {
    const offset = d.offset ?? offsetWithin(source, d) ?? offsetOfPointer(source.tree, d.path, d.at === 'key') ?? 0;
    const { line, column } = positionOf(lineStarts, offset);
    return { ...d, file: source.file, line, column };
  });
  return located.sort((a, b) => a.line - b.line || a.column - b.column || byteOrder(a.code, b.code));
}

// A position inside a string value: exact when the JSON text has no escapes before it.
function offsetWithin(source: SourceText, d: Diagnostic): number | undefined {
  if (d.within === undefined || !source.tree) return undefined;
  const node = findNodeAtPointer(source.tree, d.path);
  if (node?.type !== 'string' || typeof node.value !== 'string') return undefined;
  const raw = source.text.slice(node.offset + 1, node.offset + 1 + d.within);
  return raw === node.value.slice(0, d.within) ? node.offset + 1 + d.within : undefined;
}

function findNodeAtPointer(tree: Node, pointer: string): Node | undefined {
  let node: Node | undefined = tree;
  for (const segment of fromPointer(pointer)) node = node && childOf(node, segment)?.value;
  return node;
}

/** Offset of the node a pointer names, or of its closest existing ancestor; undefined without a tree. */
export function offsetOfPointer(tree: Node | undefined, pointer: string, atKey = false): number | undefined {
  if (!tree) return undefined;
  let node = tree;
  let keyNode: Node | undefined;
  for (const segment of fromPointer(pointer)) {
    const next = childOf(node, segment);
    if (!next) return node.offset;
    node = next.value;
    keyNode = next.key;
  }
  return atKey && keyNode ? keyNode.offset : node.offset;
}

function childOf(node: Node, segment: string): { key?: Node; value: Node } | undefined {
  if (node.type === 'array') {
    const child = /^(0|[1-9][0-9]*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
    return child ? { value: child } : undefined;
  }
  if (node.type !== 'object') return undefined;
  // The last property of that name wins, as in JSON.parse.
  const property = node.children?.findLast((p) => p.children?.[0]?.value === segment);
  const [key, value] = property?.children ?? [];
  return value ? { key, value } : key ? { key, value: key } : undefined;
}

function indexLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}
