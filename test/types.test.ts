// Generated sources must be what their generators make of the schemas and templates today: the spec
// types (json-schema-to-typescript), ajv's validators and nunjucks' precompiled templates.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers.js';

test('src/spec/types.generated.ts is current (npm run gen:types)', async () => {
  const { generateSpecTypes } = (await import(join(REPO, 'scripts/spec-types.mjs'))) as { generateSpecTypes: () => Promise<string> };
  assert.equal(readFileSync(join(REPO, 'src/spec/types.generated.ts'), 'utf8'), await generateSpecTypes(), 'run npm run gen:types and commit the result');
});

// Defaults are declared once, in src/spec/defaults.ts; the schema's `default` keywords (which editors
// show, and docs/SPEC.md lists) must say the same, and name no default mesosgen does not apply.
test('the schema\'s default keywords are exactly spec/defaults.ts', async () => {
  const { DEFAULTS } = await import('../src/spec/defaults.js');
  const schema = JSON.parse(readFileSync(join(REPO, 'schema/cluster.schema.json'), 'utf8')) as Record<string, any>;
  const deref = (node: any): any => (node?.$ref ? deref(node.$ref.split('/').slice(1).reduce((o: any, k: string) => o[k], schema)) : node);
  // Where a default lives in the spec when its place in DEFAULTS differs.
  const placeOf: Record<string, string[] | null> = {
    master: ['mesos', 'master'],
    agent: ['mesos', 'agent'],
    'packages.components': ['packages', 'repository', 'components'],
    // One default or the other, by whether agents run Docker: the description says which.
    'agent.executorRegistrationTimeout': null,
    'agent.dockerExecutorRegistrationTimeout': null,
  };
  const fromDefaults = new Map<string, unknown>();
  const walk = (value: unknown, path: string[]): void => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      return;
    }
    const key = path.join('.');
    if (placeOf[key] === null) return;
    const place = placeOf[key] ?? [...(placeOf[path[0]] ?? [path[0]]), ...path.slice(1)];
    fromDefaults.set(place.join('.'), value);
  };
  walk(DEFAULTS, []);
  const fromSchema = new Map<string, unknown>();
  const visit = (node: any, path: string[]): void => {
    if (node?.default !== undefined) {
      fromSchema.set(path.join('.'), node.default);
      // The prose says it too ("Default 2181."): it must name the same value.
      const prose = /\bDefault (.*)/.exec(String(node.description ?? deref(node).description ?? ''))?.[1];
      const written = typeof node.default === 'string' ? node.default : JSON.stringify(node.default);
      if (prose !== undefined) assert.ok(prose.startsWith(written), `${path.join('.')}: the description says "Default ${prose}", the default is ${written}`);
    }
    const target = deref(node);
    for (const [k, child] of Object.entries(target?.properties ?? {})) visit(child, [...path, k]);
  };
  visit(schema, []);
  assert.deepEqual(Object.fromEntries([...fromSchema].sort()), Object.fromEntries([...fromDefaults].sort()));
});
