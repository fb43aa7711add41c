// One rule for every string in the spec: no line breaks (Unicode's too) and no control characters
// in anything that reaches a line-oriented file. Field patterns and flag types check meaning; this
// rule is the single gate for the characters that would let a value start a new line in some reader
// (PyYAML splits at U+2028, a shell at LF, systemd at CR), so render never meets one.
import { diagnose } from '../diagnostics/diagnostic.js';
import { describeChar, findUnsafeChar } from '../util/text.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

// Apps and jobs become JSON API bodies (JSON escapes every character), where a multi-line command
// is normal; only their ids and names also reach a line-oriented file (deploy.sh).
const WORKLOAD_KEYS: Record<string, string> = { apps: 'id', jobs: 'name' };

export const valuesAreOneLine: Rule = ({ spec, report }) => {
  const visit = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === 'string') return check(value, path, false);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
    for (const [key, child] of Object.entries(value)) {
      if (path.length === 0 && Object.hasOwn(WORKLOAD_KEYS, key) && Array.isArray(child)) {
        child.forEach((item, i) => typeof item?.[WORKLOAD_KEYS[key]] === 'string' && check(item[WORKLOAD_KEYS[key]], [key, i, WORKLOAD_KEYS[key]], false));
        continue;
      }
      check(key, [...path, key], true);
      visit(child, [...path, key]);
    }
  };
  const check = (text: string, path: Array<string | number>, isKey: boolean): void => {
    const at = findUnsafeChar(text);
    if (at < 0) return;
    const extra = isKey ? { at: 'key' as const } : { within: at };
    report(diagnose('E_VALUE_UNSAFE_CHAR', toPointer(...path), { char: describeChar(text[at]), position: at + 1, what: isKey ? 'key' : 'value' }, extra));
  };
  visit(spec, []);
};
