// One rule for every string in the spec: no line breaks (Unicode's too), no control characters and
// no invisible formatting characters (bidi, zero-width) in anything that reaches a line-oriented file. Field patterns and flag types check meaning; this
// rule is the single gate for the characters that would let a value start a new line in some reader
// (PyYAML splits at U+2028, a shell at LF, systemd at CR), so render never meets one.
import { diagnose } from '../diagnostics/diagnostic.js';
import { charAt, describeChar, findInvisibleChar, findUnsafeChar } from '../util/text.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

// Apps and jobs become JSON API bodies (JSON escapes every character), where a multi-line command
// is normal; only their ids and names also reach a line-oriented file (deploy.sh). Invisible
// formatting characters (bidi overrides, zero-width) are refused in bodies too: reviewers read
// bodies in diffs, where such a character shows one command and Marathon runs another.
const WORKLOAD_KEYS: Record<string, string> = { apps: 'id', jobs: 'name' };

export const valuesAreOneLine: Rule = ({ spec, report }) => {
  const visit = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === 'string') return check(value, path, false);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
    for (const [key, child] of Object.entries(value)) {
      if (path.length === 0 && Object.hasOwn(WORKLOAD_KEYS, key) && Array.isArray(child)) {
        const named = WORKLOAD_KEYS[key];
        child.forEach((item: Record<string, unknown> | null, i) => {
          const id = item?.[named];
          if (typeof id === 'string') check(id, [key, i, named], false);
          visitBody(item, [key, i], named);
        });
        continue;
      }
      check(key, [...path, key], true);
      visit(child, [...path, key]);
    }
  };
  // In a body: only invisible characters (the id or name was checked in full above).
  const visitBody = (value: unknown, path: Array<string | number>, checked?: string): void => {
    if (typeof value === 'string') return check(value, path, false, findInvisibleChar);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visitBody(v, [...path, i]));
    for (const [key, child] of Object.entries(value)) {
      if (key === checked) continue;
      check(key, [...path, key], true, findInvisibleChar);
      visitBody(child, [...path, key]);
    }
  };
  const check = (text: string, path: Array<string | number>, isKey: boolean, find = findUnsafeChar): void => {
    const at = find(text);
    if (at < 0) return;
    const extra = isKey ? { at: 'key' as const } : { within: at };
    report(
      diagnose('E_VALUE_UNSAFE_CHAR', toPointer(...path), { char: describeChar(charAt(text, at)), position: at + 1, what: isKey ? 'key' : 'value' }, extra),
    );
  };
  visit(spec, []);
};
