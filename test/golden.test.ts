// The golden runner: every folder under test/golden/ is a case.
//   <case>/spec.json (or <case>/source naming a spec relative to the repo) + <case>/expected/...
//   _error_/<case>/spec.json (or spec.yaml) + _error_/<case>/expected.txt (the diagnostics `validate` prints)
// UPDATE_GOLDEN=1 npm test rewrites the expected files; review them in the diff.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { checkSpecFile, compile } from '../src/pipeline.js';
import { formatDiagnosticsText } from '../src/diagnostics/format.js';
import { MESSAGES } from '../src/diagnostics/messages.js';
import { offsetOfPointer } from '../src/diagnostics/locate.js';
import { parseYamlText } from '../src/spec/load-yaml.js';
import { REPO, UPDATING, listFiles, tarListing, tempDir } from './helpers.js';

const GOLDEN = join(REPO, 'test/golden');

describe('golden builds', () => {
  for (const name of readdirSync(GOLDEN).filter((n) => n !== '_error_').sort()) {
    test(name, async () => {
      const caseDir = join(GOLDEN, name);
      const specPath = specOf(caseDir);
      const out = join(tempDir(), 'out');
      const result = await compile({ specPath, displayName: 'spec.json', outDir: out });
      assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
      const actual = new Map<string, string>();
      // Bundled .debs and gzipped user data are binary: the manifest's sha256 of each stands for them
      // (test/install.test.ts checks that each .gz holds its cloud-init.yaml).
      const texts = listFiles(join(out, 'hosts')).filter((f) => !/^[^/]+\/packages\//.test(f) && !f.endsWith('.gz'));
      for (const file of texts) actual.set(`hosts/${file}`, withoutFixedCode(file, readFileSync(join(out, 'hosts', file), 'utf8'), await fixedCode()));
      if (existsSync(join(out, 'cluster'))) {
        for (const file of listFiles(join(out, 'cluster'))) actual.set(`cluster/${file}`, readFileSync(join(out, 'cluster', file), 'utf8'));
      }
      actual.set('manifest.json', sanitizeManifest(readFileSync(join(out, 'manifest.json'), 'utf8')));
      actual.set('tarballs.txt', listFiles(join(out, 'tarballs')).map((t) => `== ${t}\n${tarListing(join(out, 'tarballs', t))}`).join(''));
      const warnings = formatDiagnosticsText(result.diagnostics);
      if (warnings) actual.set('diagnostics.txt', warnings);
      compareTree(join(caseDir, 'expected'), actual);
      rmSync(dirname(out), { recursive: true, force: true });
    });
  }
});

describe('golden errors', () => {
  const errorsDir = join(GOLDEN, '_error_');
  for (const name of readdirSync(errorsDir).sort()) {
    test(name, () => {
      const caseDir = join(errorsDir, name);
      // A case is written in JSON (spec.json) or YAML (spec.yaml).
      const specName = existsSync(join(caseDir, 'spec.yaml')) ? 'spec.yaml' : 'spec.json';
      const specPath = join(caseDir, specName);
      const result = checkSpecFile({ specPath, displayName: specName, strict: existsSync(join(caseDir, 'strict')) });
      assert.equal(result.ok, false, 'an _error_ case must fail; move it out of _error_ if it should build');
      // Every pointer must name a real place in the spec (or the object a missing key belongs to).
      const text = readFileSync(specPath, 'utf8');
      const tree = specName === 'spec.yaml' ? parseYamlText(text).tree : parseTree(text);
      for (const d of result.diagnostics) {
        if (d.code === 'E_JSON_SYNTAX' || d.code === 'E_YAML_SYNTAX') continue;
        assert.notEqual(offsetOfPointer(tree, d.path), undefined, `${d.code} ${d.path} does not resolve`);
      }
      // Messages name the absolute path they tried; the checkout's location is not part of the golden.
      compareTree(caseDir, new Map([['expected.txt', formatDiagnosticsText(result.diagnostics).replaceAll(join(REPO, '/'), '<repo>/')]]));
    });
  }
});

test('every diagnostic code in the catalogue is shown by some golden case', () => {
  // E_SCHEMA is the fallback for schema keywords that have no code of their own; none is reachable
  // today. W_USER_DATA_LARGE is found by a build, not a check: cli.test.ts shows it.
  const unreachable = new Set(['E_SCHEMA', 'W_USER_DATA_LARGE']);
  const shown = readdirSync(join(GOLDEN, '_error_'))
    .map((c) => readFileSync(join(GOLDEN, '_error_', c, 'expected.txt'), 'utf8'))
    .join('\n');
  const missing = Object.keys(MESSAGES).filter((code) => !unreachable.has(code) && !new RegExp(`\\b${code}\\b`).test(shown));
  assert.deepEqual(missing, [], 'add an _error_ case for each');
});

/** install.sh's fixed code (templates/install/*.sh joined), as the build joins it. */
let fixed: string | undefined;
async function fixedCode(): Promise<string> {
  const compiled = (await import(pathToFileURL(join(REPO, 'scripts/compiled.mjs')).href)) as { installFixedCode: () => string };
  fixed ??= compiled.installFixedCode();
  return fixed;
}

export const FIXED_CODE_MARKER = '# [the fixed code of install.sh: templates/install/*.sh]\n';

/**
 * Every install.sh, and the copy each cloud-init.yaml carries, ends in the same fixed code: the
 * golden keeps the host's own part and one marker line in its place, so a change to the fixed code
 * shows in templates/install/, not in every golden. Fails when the fixed code is not there whole.
 */
function withoutFixedCode(file: string, content: string, code: string): string {
  if (file.endsWith('/install.sh')) {
    assert.ok(content.endsWith(code), `${file} does not end with the fixed code of templates/install/`);
    return content.slice(0, content.length - code.length) + FIXED_CODE_MARKER;
  }
  if (file.endsWith('/cloud-init.yaml') && !/install\.sh\n\s+encoding: b64/.test(content)) {
    // In the user data, install.sh is a block scalar indented by six spaces (blank lines stay empty).
    const indented = code.split('\n').map((line) => (line ? `      ${line}` : line)).join('\n');
    assert.ok(content.includes(indented), `${file} does not carry the fixed code of templates/install/`);
    return content.replace(indented, `      ${FIXED_CODE_MARKER}`);
  }
  return content;
}

function specOf(caseDir: string): string {
  const source = join(caseDir, 'source');
  return existsSync(source) ? join(REPO, readFileSync(source, 'utf8').trim()) : join(caseDir, 'spec.json');
}

// The version and tarball digests change with releases and zlib; the tarball listing is compared instead.
function sanitizeManifest(text: string): string {
  return text
    .replace(/("mesosgen": )"[^"]*"/, '$1"<version>"')
    .replace(/("path": "tarballs\/[^"]+",\n\s*"sha256": )"[0-9a-f]{64}"(,\n\s*"size": )\d+/g, '$1"<tarball>"$2"<size>"');
}

function compareTree(expectedDir: string, actual: Map<string, string>): void {
  if (UPDATING) {
    if (expectedDir.endsWith('expected')) rmSync(expectedDir, { recursive: true, force: true });
    for (const [file, content] of actual) {
      mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
      writeFileSync(join(expectedDir, file), content);
    }
    return;
  }
  const expectedFiles = expectedDir.endsWith('expected') ? listFiles(expectedDir) : [...actual.keys()].filter((f) => existsSync(join(expectedDir, f)));
  assert.deepEqual([...actual.keys()].sort(), expectedFiles, 'the set of generated files differs from the golden (UPDATE_GOLDEN=1 to accept)');
  for (const [file, content] of actual) {
    assert.equal(content, readFileSync(join(expectedDir, file), 'utf8'), `${file} differs from the golden (UPDATE_GOLDEN=1 to accept)`);
  }
}
