// Validation is the one gate: whatever `validate` accepts, `build` renders. A property test puts
// hostile strings (every kind of line break, control characters, quotes, shell and YAML syntax,
// look-alikes) into every string field of the example specs and into free-form flag values, and
// checks that a spec the checks accept renders every host and the cluster files without an
// internal error, and that each cloud-init.yaml reads back the same under the JS YAML library.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { checkLoadedSpec } from '../src/pipeline.js';
import { parseSpecText } from '../src/spec/load.js';
import { renderHost } from '../src/render/host.js';
import { createRenderer } from '../src/render/renderer.js';
import { renderWorkloads } from '../src/render/workloads.js';
import { REPO, tempDir } from './helpers.js';

type Spec = Record<string, any>;
const SOURCES = ['fixtures/seed/cluster.json', 'fixtures/ha/cluster.json', 'test/golden/legacy/spec.json'];
const load = (source: string): Spec => JSON.parse(readFileSync(join(REPO, source), 'utf8')) as Spec;

// Free-form flags (type string) that the example specs do not set: their values reach flag files,
// Marathon's environment file and Chronos' conf directory.
const FLAG_FIELDS = [
  ['mesos', 'master', 'flags', 'hooks'],
  ['mesos', 'agent', 'flags', 'default_role'],
  ['mesos', 'agent', 'flags', 'executor_environment_variables'],
  ['marathon', 'flags', 'framework_name'],
  ['marathon', 'flags', 'webui_url'],
  ['chronos', 'flags', 'cluster_name'],
  ['chronos', 'flags', 'mesos_role'],
];

function stringPaths(spec: Spec): string[][] {
  const out: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (typeof v === 'string' && path[0] !== '$schema') out.push(path);
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(spec, []);
  return [...out, ...FLAG_FIELDS];
}

const HOSTILE = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '9', '-', '_', '.', '/', ':', ',', ' ', '=', '@', '#', '%', '*', '?', '~', '{', '}', '[', ']',
    '\t', '\n', '\r', '\v', '\f', '\0', '\u0001', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff',
    "'", '"', '\\', '$', '`', '$(id)', '- [touch, /tmp/canary]', 'bootcmd:', '&anchor', '!!python/object', 'é', 'а'),
  maxLength: 12,
});

function setPath(spec: Spec, path: string[], value: unknown): void {
  let node = spec;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  node[path[path.length - 1]] = value;
}

test('property: every spec that validates renders, and its user data reads back as written', () => {
  const renderer = createRenderer();
  const specPath = join(tempDir('mesosgen-gate-'), 'spec.json');
  const cases = SOURCES.flatMap((source) => stringPaths(load(source)).map((path) => ({ source, path })));
  let rendered = 0;
  fc.assert(
    fc.property(fc.constantFrom(...cases), HOSTILE, ({ source, path }, value) => {
      const spec = load(source);
      setPath(spec, path, value);
      const result = checkLoadedSpec(parseSpecText(JSON.stringify(spec), 'spec.json', specPath), false);
      if (!result.ok || !result.plan) return;
      rendered++;
      for (const host of result.plan.hosts) {
        const files = renderHost(renderer, host);
        const userData = files.find((f) => f.path === 'cloud-init.yaml')!.content.toString('utf8');
        const doc = parse(userData) as { write_files: Array<{ path: string; content: string; encoding?: string }> };
        for (const f of doc.write_files) {
          const original = files.find((r) => f.path.endsWith(`/${host.name}/${r.path}`));
          if (!original) continue;
          const back = f.encoding === 'b64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
          assert.ok(back.equals(original.content), `${host.name}/${original.path} does not read back as written`);
        }
      }
      if (result.plan.workloads) renderWorkloads(renderer, result.plan.workloads);
    }),
    { numRuns: 1500, seed: 20261129 },
  );
  assert.ok(rendered > 100, `only ${rendered} hostile specs were accepted; the property says little`);
});
