// The one serialiser for Markdown (rollout.md, `diff --format markdown`), which lands in pull-request
// comments. Values there may come from an untrusted build directory, so none may open HTML
// (`<img>`, `<details open>`), a link, an @mention, emphasis or a table cell, or carry a control
// character. Prose written by mesosgen keeps its `code spans`: their content is inert in Markdown.
import { escapeForMessage } from './text.js';

// Outside code spans: the characters that start Markdown or GitHub syntax in running text
// (emphasis, links and images, #123 references, @mentions, strike-through, table cells). HTML
// goes as entities. Line-start syntax ("- ", "1. ", "# ") cannot arise: values never start a line.
const INLINE_SPECIAL = /[\\`*_[\]#@~|]/g;
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text inside an HTML element of the Markdown (`<summary>`): entities for & < >, controls escaped. Never fails. */
export function htmlText(text: string): string {
  return escapeForMessage(text).replace(/[&<>]/g, (c) => HTML_SPECIAL[c]);
}

function escapeInline(text: string): string {
  return htmlText(text).replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Text for a Markdown paragraph, list item or (with `cell`) table cell. Single-backtick code spans
 * in `text` stay code spans (nothing inside one is Markdown or HTML); everything else is escaped,
 * stray backticks included. Controls and Unicode line breaks become `\u…` escapes. Never fails.
 */
export function markdownText(text: string, cell = false): string {
  const parts = text.split(/(`[^`\n]+`)/);
  const out = parts.map((part, i) => (i % 2 === 1 ? escapeForMessage(part) : escapeInline(part))).join('');
  // GFM splits a table row at every unescaped "|", inside code spans too.
  return cell ? out.replace(/(?<!\\)\|/g, '\\|') : out;
}

/**
 * One value as an inline code span, whatever it holds: the fence is one backtick longer than the
 * longest run inside it, so the value cannot close it. Controls become `\u…` escapes; with `cell`,
 * "|" is escaped for a table. Never fails.
 */
export function codeSpan(value: string, cell = false): string {
  const text = escapeForMessage(value);
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const span = `${fence}${pad}${text}${pad}${fence}`;
  return cell ? span.replaceAll('|', '\\|') : span;
}

// Inside a Mermaid label ("..."), Mermaid reads `"` as its end, `#name;` as an entity, backticks as
// a Markdown string and, with HTML labels, `<` as markup. Everything outside this set goes as a
// numeric entity (`#60;`), which Mermaid decodes to the character itself when it draws the label.
const MERMAID_PLAIN = /[^A-Za-z0-9 .,:/_()+-]/gu;

/**
 * Text for a quoted Mermaid label: only letters, digits and `.,:/_()+-` and spaces stay as they
 * are; every other character, controls included, becomes a `#<code point>;` entity. Never fails.
 */
export function mermaidText(text: string): string {
  return text.replace(MERMAID_PLAIN, (c) => `#${c.codePointAt(0)};`);
}
