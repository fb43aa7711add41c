// The one definition of text that a line-oriented file can carry. Shell scripts, systemd units,
// environment files, flag files, zoo.cfg, /etc/hosts and YAML each split lines on a different set
// of characters: PyYAML (what cloud-init uses) breaks lines at NEL, LINE SEPARATOR and PARAGRAPH
// SEPARATOR too, where the JS `yaml` library and a shell do not. A value holding any of them could
// start a new key, a new command or a new setting in one reader and not in another, so they are
// refused everywhere: by the rules (for the user) and by every serialiser (for mesosgen's own bugs).

// \p{Cc}: C0 controls (TAB, LF, VT, FF, CR, NUL ...), DEL and C1 controls (NEL U+0085 among them).
const UNSAFE = /[\p{Cc}\u2028\u2029]/u;
const UNSAFE_ALL = /[\p{Cc}\u2028\u2029]/gu;

const NAMES: Record<string, string> = {
  '\0': 'NUL',
  '\t': 'TAB',
  '\n': 'LINE FEED',
  '\v': 'LINE TABULATION',
  '\f': 'FORM FEED',
  '\r': 'CARRIAGE RETURN',
  '\x1b': 'ESCAPE',
  '\x7f': 'DELETE',
  '\u0085': 'NEXT LINE',
  '\u2028': 'LINE SEPARATOR',
  '\u2029': 'PARAGRAPH SEPARATOR',
};

/** Index of the first character no line-oriented format can carry, or -1 when there is none. */
export function findUnsafeChar(text: string): number {
  const m = UNSAFE.exec(text);
  return m ? m.index : -1;
}

/** True when `text` holds a line break of any kind (Unicode's too) or a control character. */
export function hasUnsafeChar(text: string): boolean {
  return UNSAFE.test(text);
}

/** Names a character for a message: `U+2028 (LINE SEPARATOR)`. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} (${NAMES[char] ?? 'a control character'})`;
}

/**
 * Makes a value safe to print inside a one-line message: every control character and Unicode line
 * break becomes a JSON-style escape (`\n`, `\u2028`), so a hostile value can neither split a
 * diagnostic over several lines nor send terminal escape sequences. Never fails.
 */
export function escapeForMessage(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => {
    const short = JSON.stringify(c).slice(1, -1);
    return short.length === 2 ? short : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Whether `text` is plain ASCII (host names must be: DNS and /etc/hosts know no other). */
export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
