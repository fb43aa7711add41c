// Changing a spec file the way a person would: only the values that change, every other byte
// (formatting, key order, the rest of the document) as it was. jsonc-parser computes the edits.
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';

/**
 * Returns `text` with each value set at its path (created when missing), keeping the rest of the
 * document byte for byte, in the indentation the document already uses. Never fails on valid JSON.
 */
export function setValues(text: string, values: Array<[JSONPath, unknown]>): string {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return values.reduce((current, [path, value]) => applyEdits(current, modify(current, path, value, { formattingOptions })), text);
}
