// The one definition of text that a line-oriented file can carry. Shell scripts, systemd units,
// environment files, flag files, zoo.cfg, /etc/hosts and YAML each split lines on a different set
// of characters: PyYAML (what cloud-init uses) breaks lines at NEL, LINE SEPARATOR and PARAGRAPH
// SEPARATOR too, where the JS `yaml` library and a shell do not. A value holding any of them could
// start a new key, a new command or a new setting in one reader and not in another, so they are
// refused everywhere: by the rules (for the user) and by every serialiser (for mesosgen's own bugs).

// \p{Cc}: C0 controls (TAB, LF, VT, FF, CR, NUL ...), DEL and C1 controls (NEL U+0085 among them).
// \p{Cf}: invisible format characters: bidi embeddings, overrides and isolates (U+202A-202E,
// U+2066-2069), zero-width spaces and joiners, LRM/RLM (U+200B-200F), the BOM (U+FEFF), tags. They
// change what a reviewer sees without changing what a program reads ("Trojan Source"), so a value
// holding one is refused like a line break.
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Only the invisible ones: app and job bodies (JSON) may hold line breaks, never these.
const INVISIBLE = /\p{Cf}/u;

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
  '\u00ad': 'SOFT HYPHEN',
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u200e': 'LEFT-TO-RIGHT MARK',
  '\u200f': 'RIGHT-TO-LEFT MARK',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'POP DIRECTIONAL FORMATTING',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** Index of the first character no line-oriented format can carry, or -1 when there is none. */
export function findUnsafeChar(text: string): number {
  const m = UNSAFE.exec(text);
  return m ? m.index : -1;
}

/** Index of the first invisible format character (bidi control, zero-width, BOM), or -1. */
export function findInvisibleChar(text: string): number {
  const m = INVISIBLE.exec(text);
  return m ? m.index : -1;
}

/** The whole character (both halves of a surrogate pair) that starts at `index`. */
export function charAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

/** Names a character for a message: `U+2028 (LINE SEPARATOR)`, `U+202E (RIGHT-TO-LEFT OVERRIDE)`. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} (${NAMES[char] ?? (/\p{Cf}/u.test(char) ? 'an invisible formatting character' : 'a control character')})`;
}

/**
 * Makes a value safe to print inside a one-line message: every control character, invisible
 * formatting character (bidi, zero-width) and Unicode line break becomes a JSON-style escape (`\n`, `\u2028`), so a hostile value can neither split a
 * diagnostic over several lines nor send terminal escape sequences. Never fails.
 */
export function escapeForMessage(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => {
    const short = JSON.stringify(c).slice(1, -1);
    if (short.length === 2) return short;
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Whether `text` is plain ASCII (host names must be: DNS and /etc/hosts know no other). */
export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
