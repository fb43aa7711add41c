// The source layout shows the pipeline: one folder per stage, and a stage imports only from the
// stages before it and from the shared folders (catalogue/, diagnostics/, util/). Type-only imports
// count too (they couple modules just the same), so the graph is read from the TypeScript sources.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { REPO, listFiles } from './helpers.js';

// In pipeline order; a module's stage is its folder under src/ (or its name, for the two top files).
const ORDER = ['spec', 'rules', 'gather', 'plan', 'render', 'output', 'pipeline.ts', 'review', 'verify', 'cli', 'index.ts', 'package-entry.ts'];
const SHARED = new Set(['catalogue', 'diagnostics', 'util']);
const SRC = join(REPO, 'src');

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of listFiles(SRC).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^'"]*?from '(\.{1,2}\/[^']+)\.js'/gm)].map((m) =>
      relative(SRC, join(SRC, dirname(file), m[1] + '.ts')),
    );
    graph.set(file, targets);
  }
  return graph;
}

const stageOf = (file: string) => file.split('/')[0];
const rank = (stage: string) => (SHARED.has(stage) ? -1 : ORDER.indexOf(stage));

test('every module lives in a known stage folder', () => {
  const unknown = [...importGraph().keys()].filter((f) => !SHARED.has(stageOf(f)) && !ORDER.includes(stageOf(f)));
  assert.deepEqual(unknown, [], 'put each module in a stage folder (see CONTRIBUTING.md)');
});

test('imports run only toward earlier stages and the shared folders', () => {
  const wrong: string[] = [];
  for (const [file, targets] of importGraph()) {
    for (const target of targets) {
      const [from, to] = [stageOf(file), stageOf(target)];
      const ok = SHARED.has(from) ? SHARED.has(to) : rank(to) <= rank(from);
      if (!ok) wrong.push(`${file} -> ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the import graph has no cycle, type-only imports included', () => {
  const graph = importGraph();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') return void cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});
