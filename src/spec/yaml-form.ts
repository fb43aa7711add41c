// The YAML form of a spec: what `init --format yaml` and `convert --to yaml` write. Each top-level
// section gets the schema's own description as a comment, so the file explains itself; key order
// is the spec's. JSON cannot carry comments, so converting to JSON keeps only the data.
import { Document, isMap, isScalar } from 'yaml';
import { readSchemaText } from './validate.js';

/** The spec as commented YAML, ending with a newline. Never fails on a JSON-compatible value. */
export function toCommentedYaml(spec: object, header: string): string {
  const schema = JSON.parse(readSchemaText()) as { properties: Record<string, { description?: string }> };
  const doc = new Document(spec);
  doc.commentBefore = ` ${header}`;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const description = schema.properties[key]?.description;
      if (description && isScalar(pair.key)) pair.key.commentBefore = wrap(description).map((l) => ` ${l}`).join('\n');
    }
  }
  return doc.toString({ lineWidth: 0 });
}

function wrap(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
