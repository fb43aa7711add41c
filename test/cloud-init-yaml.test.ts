// The fast cloud-init YAML emitter (src/render/cloud-init-yaml.ts) must give the `yaml` library's
// bytes whenever it answers at all: generated documents with hostile text (quotes, indicators,
// document markers, tabs, trailing blanks, Unicode) are compared with the library's output, and the
// ordinary shapes must take the fast path, or the speed-up is gone without a test noticing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { cloudConfigYaml, fastCloudConfig, type CloudConfig } from '../src/render/cloud-init-yaml.js';

const library = (doc: CloudConfig) => stringify(doc, { lineWidth: 0 });

// Pieces that reach each YAML rule: indicators, ": " and " #", document markers, blank lines,
// leading and trailing blanks, numbers and keywords, non-ASCII and characters YAML quotes.
const piece = fc.constantFrom(
  'a',
  'Z9',
  ' ',
  '\t',
  '\n',
  '\n\n',
  ': ',
  ' #',
  '#',
  '-',
  '- ',
  '---',
  '...',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '&',
  '*',
  '!',
  '?',
  '[',
  '{',
  ',',
  '0644',
  'true',
  'null',
  '~',
  '1e5',
  '0x1F',
  '\u00e9',
  '\u2028',
  '\u0085',
  '\r',
  '\u0007',
  '\ud83d\ude00',
  '\ud800',
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const word = fc.oneof(
  text,
  fc.constantFrom('/var/lib/mesosgen/h/install.sh', '/a b', '/x:y', 'root:root', 'bash', '--secrets', 'true', 'on', 'y', '0755', '/'),
);

// Mostly ordinary values, so that many documents take the fast path, with hostile ones mixed in.
const segment = fc.stringMatching(/^[a-z0-9_.@+=-]{1,8}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/var/lib/mesosgen/${parts.join('/')}`);
const line = fc.oneof({ weight: 12, arbitrary: fc.stringMatching(/^[!-~][ -~\t]{0,20}$/) }, { weight: 1, arbitrary: text });
const content = fc.oneof(
  { weight: 12, arbitrary: fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => `${lines.join('\n')}\n`) },
  { weight: 1, arbitrary: text },
);
const usually = <T>(ordinary: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: ordinary }, { weight: 1, arbitrary: other });
const writeFile = fc.record({
  path: usually(path, word),
  content,
  owner: usually(fc.constant('root:root'), word),
  permissions: usually(fc.constantFrom('0644', '0600', '0755'), word),
});
const doc: fc.Arbitrary<CloudConfig> = fc.record({
  write_files: fc.array(writeFile, { minLength: 1, maxLength: 4 }),
  runcmd: fc.array(fc.array(usually(fc.oneof(path, fc.constantFrom('bash', '--secrets')), word), { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 2,
  }),
});

test('the fast emitter gives the library\'s bytes whenever it answers', () => {
  fc.assert(
    fc.property(doc, (d) => {
      const fast = fastCloudConfig(d);
      if (fast !== undefined) assert.equal(fast, library(d));
      assert.equal(cloudConfigYaml(d), library(d));
    }),
    { numRuns: 3000, seed: 14 },
  );
  const answered = fc.sample(doc, { numRuns: 3000, seed: 14 }).filter((d) => fastCloudConfig(d) !== undefined).length;
  // The comparison above means little unless many generated documents take the fast path.
  assert.ok(answered > 300, `only ${answered} of 3000 generated documents took the fast path`);
});

test('ordinary user data takes the fast path, and equals the library\'s', () => {
  const d: CloudConfig = {
    write_files: [
      {
        path: '/var/lib/mesosgen/agent1/install.sh',
        content: "#!/usr/bin/env bash\nset -Eeuo pipefail\n\nusage() {\n  cat <<'USAGE'\n  --dry-run   print: every action # and more\nUSAGE\n}\n",
        owner: 'root:root',
        permissions: '0755',
      },
      { path: '/var/lib/mesosgen/agent1/rootfs/etc/mesos-slave/attributes/rack', content: 'r1\n', owner: 'root:root', permissions: '0644' },
      { path: '/var/lib/mesosgen/agent1/rootfs/etc/mesos/zk', content: 'zk://10.0.0.1:2181,10.0.0.2:2181/mesos\n', owner: 'root:root', permissions: '0644' },
      {
        path: '/var/lib/mesosgen/agent1/rootfs/etc/mesosgen/hosts',
        content: '# BEGIN mesosgen\n10.0.0.5\tagent1\n# END mesosgen\n',
        owner: 'root:root',
        permissions: '0600',
      },
    ],
    runcmd: [['bash', '/var/lib/mesosgen/agent1/install.sh', '--secrets', '/root/mesosgen-secrets']],
  };
  const fast = fastCloudConfig(d);
  assert.ok(fast !== undefined, 'ordinary user data fell back to the library');
  assert.equal(fast, library(d));
});

test('what the fast path does not know goes to the library', () => {
  const base: CloudConfig = { write_files: [{ path: '/p', content: 'x\n', owner: 'root:root', permissions: '0644' }], runcmd: [['bash', '/p']] };
  const cases: CloudConfig[] = [
    { ...base, write_files: [{ ...base.write_files[0], content: 'AAEC', encoding: 'b64' }] },
    { ...base, write_files: [{ ...base.write_files[0], content: 'x\n\n' }] },
    { ...base, write_files: [{ ...base.write_files[0], content: '  indented\n' }] },
    { ...base, write_files: [{ ...base.write_files[0], path: '/with space' }] },
    { ...base, runcmd: [['bash', 'true']] },
  ];
  for (const d of cases) {
    assert.equal(fastCloudConfig(d), undefined, JSON.stringify(d));
    assert.equal(cloudConfigYaml(d), library(d));
  }
});
