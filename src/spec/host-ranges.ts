// Where each host of a JSON spec is in its text: the plan keeps the text and these ranges, and parses
// a host again when the build reaches it, instead of a JSON copy of every host (some 20 MB at
// 100,000 hosts, made while the whole parsed spec is still alive).

/**
 * The [start, end) offsets of each element of the top-level "hosts" array of `text`, a JSON
 * document JSON.parse accepts, as pairs in one array; undefined when the document has no such array
 * (or has it twice). Strings are skipped whole, escapes included, so no bracket or quote inside a
 * value can mislead it.
 */
export function findHostRanges(text: string): Uint32Array | undefined {
  let depth = 0;
  // At depth 1 (the root object's members) the next string is a key after "{" or ",".
  let expectKey = false;
  let lastKey = '';
  let inHosts = false;
  let found = false;
  // Where the current element of hosts starts (-1: between elements).
  let start = -1;
  const ranges: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const closing = c === 0x5d || c === 0x7d;
    if (inHosts && depth === 2 && start < 0 && c !== 0x2c && !closing) start = i;
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (depth === 1 && expectKey) {
        lastKey = JSON.parse(text.slice(i, end + 1)) as string;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      // An array at depth 1 is the value of the key just read.
      if (depth === 1 && c === 0x5b && lastKey === 'hosts') {
        if (found) return undefined;
        inHosts = found = true;
      }
      depth++;
      if (depth === 1) expectKey = true;
    } else if (closing) {
      if (inHosts && depth === 2) {
        if (start >= 0) ranges.push(start, lastNonSpace(text, i) + 1);
        inHosts = false;
        start = -1;
      }
      depth--;
    } else if (c === 0x2c) {
      if (depth === 1) expectKey = true;
      if (inHosts && depth === 2) {
        ranges.push(start, lastNonSpace(text, i) + 1);
        start = -1;
      }
    }
  }
  return found ? Uint32Array.from(ranges) : undefined;
}

// The index of the quote that closes the string opening at `open`.
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

// The index of the last character before `before` that is not JSON whitespace.
function lastNonSpace(text: string, before: number): number {
  let i = before - 1;
  while (i >= 0 && ' \n\r\t'.includes(text[i])) i--;
  return i;
}
