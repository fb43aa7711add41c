// The one sort order for everything mesosgen emits: plain UTF-16 code-unit order, independent of locale.

/** Comparator for Array.prototype.sort: negative, zero or positive, like `a < b`. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
