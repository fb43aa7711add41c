// A reader for systemd EnvironmentFile= syntax (systemd.exec(5)), limited to the forms mesosgen
// writes: comments, KEY=bare-word and KEY='single-quoted'. Anything else throws, so a test using it
// fails when mesosgen starts writing something whose meaning would need the full grammar.

/** Parses the file into variables; throws on a line outside the supported subset. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not KEY=VALUE: ${line}`);
    const [, key, raw] = m;
    if (/^'[^'\\]*'$/.test(raw)) env[key] = raw.slice(1, -1);
    else if (/^[^\s'"\\$`]*$/.test(raw)) env[key] = raw;
    else throw new Error(`line ${i + 1}: value outside the supported subset: ${raw}`);
  }
  return env;
}
