// JSON Pointers (RFC 6901) name every place in the spec that a diagnostic talks about.

/** Joins path segments into a JSON Pointer, escaping `~` and `/`. Never fails. */
export function toPointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Splits a JSON Pointer into its unescaped segments; `""` (the whole document) gives `[]`. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}
