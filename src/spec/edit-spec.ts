// Changing a spec file the way a person would: only the values that change, every other byte
// (formatting, key order, a byte-order mark, the rest of the document) as it was. jsonc-parser
// finds where each value goes; the values themselves are written here, so a section of thousands
// of entries is one edit of the text instead of one per token (applyEdits copies the whole text
// per edit, which made 1,000 bundled files take seconds).
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';

/**
 * Returns `text` with each value set at its path (created when missing), keeping the rest of the
 * document byte for byte, in the indentation the document already uses. Linear in the text and the
 * values. Never fails on valid JSON.
 */
export function setValues(text: string, values: Array<[JSONPath, unknown]>): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  let body = bom ? text.slice(1) : text;
  const indent = /\n([ \t]+)"/.exec(body)?.[1] ?? '  ';
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol };
  // Each value goes in first as a short placeholder, so jsonc-parser's edit stays small.
  const tag = uniqueTag(body);
  values.forEach(([path], i) => {
    body = applyEdits(body, modify(body, path, `${tag}${i}`, { formattingOptions }));
  });
  return bom + body.replace(new RegExp(`"${tag}(\\d+)"`, 'g'), (_, i: string, at: number) => {
    // Continuation lines of the value start at the placeholder line's indentation.
    const lineStart = body.lastIndexOf('\n', at) + 1;
    const lead = /^[ \t]*/.exec(body.slice(lineStart, at))![0];
    return JSON.stringify(values[Number(i)][1], null, indent).replaceAll('\n', eol + lead);
  });
}

// A marker the document does not contain, so the placeholders are found and nothing else.
function uniqueTag(text: string): string {
  let tag = 'mesosgen-value-';
  while (text.includes(tag)) tag += '-';
  return tag;
}
