// Bundles for air-gapped installs: Debian version comparison, each role's dependency closure from
// the .debs' control data (alternatives, versions, Provides, the target image's package list),
// file names as apt-get download writes them, and `mesosgen bundle` writing the section into a spec
// without touching the rest of it. The .debs are small stand-ins built with dpkg-deb.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkSpecFile } from '../src/pipeline.js';
import { compareDebianVersions } from '../src/util/debian-version.js';
import { BIN, REPO, buildDeb, tempDir } from './helpers.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
// Each test builds .debs with dpkg-deb; outside CI a machine without it skips them.
const NEEDS_DPKG_DEB = { skip: !has('dpkg-deb') && process.env.CI !== 'true' ? 'needs dpkg-deb' : false };

test('Debian versions compare as dpkg --compare-versions does', () => {
  const pairs: Array<[string, string]> = [
    ['1.0', '1.0-1'], ['1.0~rc1', '1.0'], ['1.0~rc1-1', '1.0-1'], ['1:0.9', '2.0'], ['1.9.0-2.0.1.ubuntu1804', '1.10.0-1'],
    ['3.8.0-11', '3.8.0-11+deb12u2'], ['2.36-9', '2.36-9+deb12u14'], ['1.0a', '1.0b'], ['1.0', '1.0a'], ['1.0+b1', '1.0.1'],
    ['0:1.2', '1.3'], ['1.2-1~bpo1', '1.2-1'], ['10', '9'],
  ];
  for (const [a, b] of pairs) {
    const ours = Math.sign(compareDebianVersions(a, b));
    if (has('dpkg')) {
      const lt = spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0;
      const eq = spawnSync('dpkg', ['--compare-versions', a, 'eq', b]).status === 0;
      assert.equal(ours, lt ? -1 : eq ? 0 : 1, `${a} vs ${b}`);
    }
    assert.equal(Math.sign(compareDebianVersions(b, a)), -ours, `${b} vs ${a}`);
  }
  assert.equal(compareDebianVersions('1.0-1', '1.0-1'), 0);
});

/** A spec dir with a bundle of stand-ins: mesos needs libfoo (>= 2) | libbar, zookeeper needs java. */
function bundleCase(): { dir: string; debs: string } {
  const dir = tempDir('mesosgen-bundle-');
  const debs = join(dir, 'debs');
  mkdirSync(debs);
  buildDeb(debs, 'mesos', '1.9.0-2.0.1', { depends: 'libfoo (>= 2.0) | libbar, lsb-base' });
  buildDeb(debs, 'libfoo', '1:2.5-1');
  buildDeb(debs, 'zookeeper', '3.8.0-11', { depends: 'java8-runtime-headless | default-jre-headless' });
  buildDeb(debs, 'zookeeperd', '3.8.0-11', { preDepends: 'zookeeper (= 3.8.0-11)' });
  buildDeb(debs, 'openjdk-17-jre-headless', '17.0.15+6-1', { provides: 'java8-runtime-headless, java-runtime-headless (= 17)' });
  buildDeb(debs, 'marathon', '1.9.109-1', { depends: 'java8-runtime-headless' });
  buildDeb(debs, 'chronos', '3.0.2-1', { depends: 'java8-runtime-headless' });
  buildDeb(debs, 'docker.io', '20.10.24-1');
  buildDeb(debs, 'unrelated', '1.0');
  const spec = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, any>;
  spec.versions.zookeeper = '3.8';
  // A packages section in the middle of the file, and a hand-formatted line, to show they survive.
  const ordered = Object.fromEntries(Object.entries(spec).flatMap(([k, v]) => (k === 'apps' ? [['packages', { source: 'none' }], [k, v]] : [[k, v]])));
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(ordered, null, 2).replace('"roles": [\n        "master"\n      ]', '"roles": [ "master" ]') + '\n');
  writeFileSync(join(debs, 'README.txt'), 'not a package\n');
  return { dir, debs };
}

const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test(
  "mesosgen bundle assigns roles from each role's closure and writes only the bundle section",
  NEEDS_DPKG_DEB,
  () => {
    const { dir } = bundleCase();
    const before = readFileSync(join(dir, 'cluster.json'), 'utf8');
    const printed = run(dir, 'bundle', 'debs');
    assert.equal(printed.status, 0, printed.stderr);
    const section = JSON.parse(printed.stdout) as { dir: string; files: Array<{ name: string; roles: string[] }> };
    const roles = Object.fromEntries(section.files.map((f) => [f.name.split('_')[0], f.roles.join(',')]));
    assert.deepEqual(roles, {
      chronos: 'master',
      'docker.io': 'agent',
      libfoo: 'master,agent',
      marathon: 'master',
      mesos: 'master,agent',
      'openjdk-17-jre-headless': 'master',
      zookeeper: 'master',
      zookeeperd: 'master',
    });
    assert.match(printed.stderr, /unrelated_1\.0_all\.deb is needed by no role/);
    assert.ok(
      section.files.some((f) => f.name === 'libfoo_1%3a2.5-1_all.deb'),
      'the epoch is written as apt-get download does',
    );

    const wrote = run(dir, 'bundle', 'debs', '--write', 'cluster.json');
    assert.equal(wrote.status, 0, wrote.stderr);
    const after = readFileSync(join(dir, 'cluster.json'), 'utf8');
    // Everything around the packages section is byte for byte the same.
    const cut = before.indexOf('"packages"');
    assert.ok(cut > 0 && before.includes('"roles": [ "master" ]'));
    assert.equal(after.slice(0, cut), before.slice(0, cut));
    assert.equal(after.slice(after.indexOf('\n  "apps"')), before.slice(before.indexOf('\n  "apps"')));
    const checked = checkSpecFile({ specPath: join(dir, 'cluster.json') });
    // lsb-base is in no bundle: without the image's package list that is a warning, and README.txt is not.
    const codes = checked.diagnostics.map((d) => `${d.code} ${d.path}`);
    assert.ok(checked.ok, codes.join('\n'));
    assert.ok(
      codes.some((c) => c.startsWith('W_BUNDLE_DEPENDENCY_MISSING /packages/bundle/files/')),
      codes.join('\n'),
    );
    // bundle and build agree: the unrelated package bundle left out is listed as unused, so build
    // does not warn about it; a .deb added to the folder later, listed nowhere, is warned about.
    assert.match(wrote.stderr, /unrelated_1\.0_all\.deb is needed by no role's packages; left out \(listed as unused\)/);
    const written = JSON.parse(after) as { packages: { bundle: { unused: string[] } } };
    assert.deepEqual(written.packages.bundle.unused, ['unrelated_1.0_all.deb']);
    assert.deepEqual(checked.diagnostics.filter((d) => d.code === 'W_BUNDLE_UNLISTED'), []);
    buildDeb(join(dir, 'debs'), 'later', '1.0');
    const unlisted = checkSpecFile({ specPath: join(dir, 'cluster.json') }).diagnostics.filter((d) => d.code === 'W_BUNDLE_UNLISTED').map((d) => d.message);
    assert.equal(unlisted.length, 1, unlisted.join('\n'));
    assert.match(unlisted[0], /later_1\.0_all\.deb/);
  },
);

test(
  "bundle runs build's closure check: with the image's list a gap fails it (exit 1, nothing written), and what it writes builds",
  NEEDS_DPKG_DEB,
  () => {
    const { dir } = bundleCase();
    const before = readFileSync(join(dir, 'cluster.json'), 'utf8');
    // The image lacks lsb-base, which mesos (masters and agents) needs and no .deb provides.
    writeFileSync(join(dir, 'image-packages.txt'), 'bash 5.2.15-2+b7 \n');
    const refused = run(dir, 'bundle', 'debs', '--base', 'image-packages.txt', '--write', 'cluster.json');
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /error E_BUNDLE_DEPENDENCY_MISSING: mesos \(shipped to masters and agents\) needs lsb-base/);
    assert.match(refused.stderr, /nothing written/);
    assert.equal(readFileSync(join(dir, 'cluster.json'), 'utf8'), before);
    // Once the image has it, bundle writes the section and build finds nothing to say about it.
    writeFileSync(join(dir, 'image-packages.txt'), 'bash 5.2.15-2+b7 \nlsb-base 11.6 \n');
    const wrote = run(dir, 'bundle', 'debs', '--base', 'image-packages.txt', '--write', 'cluster.json');
    assert.equal(wrote.status, 0, wrote.stderr);
    assert.doesNotMatch(wrote.stderr, /DEPENDENCY_MISSING/);
    const checked = checkSpecFile({ specPath: join(dir, 'cluster.json') });
    assert.ok(checked.ok);
    assert.deepEqual(checked.diagnostics.filter((d) => /^[EW]_BUNDLE/.test(d.code)).map((d) => d.code), []);
  },
);

test('a missing bundle folder is one error, not one per file', NEEDS_DPKG_DEB, () => {
  const { dir } = bundleCase();
  assert.equal(run(dir, 'bundle', 'debs', '--write', 'cluster.json').status, 0);
  const spec = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { packages: { bundle: { dir: string } } };
  spec.packages.bundle.dir = 'no-such-folder';
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec));
  const checked = checkSpecFile({ specPath: join(dir, 'cluster.json') });
  const unreadable = checked.diagnostics.filter((d) => d.code === 'E_FILE_UNREADABLE');
  assert.deepEqual(unreadable.map((d) => d.path), ['/packages/bundle/dir']);
  assert.match(unreadable[0].message, /no such file or directory/);
});

test(
  'a base package list turns a gap into an error naming the package that needs it; the image can fill it',
  NEEDS_DPKG_DEB,
  () => {
    const { dir } = bundleCase();
    assert.equal(run(dir, 'bundle', 'debs', '--write', 'cluster.json').status, 0);
    const spec = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as Record<string, any>;
    spec.packages.bundle.base = 'image-packages.txt';
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec, null, 2));
    writeFileSync(join(dir, 'image-packages.txt'), 'bash 5.2.15-2+b7 \nlibc6:amd64 2.36-9+deb12u14 \n');
    const gap = checkSpecFile({ specPath: join(dir, 'cluster.json') });
    assert.equal(gap.ok, false);
    const errors = gap.diagnostics.filter((d) => d.code === 'E_BUNDLE_DEPENDENCY_MISSING');
    assert.ok(
      errors.length >= 1 && errors.every((d) => /mesos \(shipped to masters and agents\) needs lsb-base/.test(d.message)),
      errors.map((d) => d.message).join('\n'),
    );
    // A versioned dependency is not met by a lower version, and is met by a Provides only when versioned.
    writeFileSync(join(dir, 'image-packages.txt'), 'lsb-base 11.6 \n');
    assert.ok(checkSpecFile({ specPath: join(dir, 'cluster.json') }).ok);
  },
);

test(
  'bundle --write keeps a byte-order mark and follows linked .debs; a dangling link is named',
  NEEDS_DPKG_DEB,
  () => {
    const { dir, debs } = bundleCase();
    const before = '\uFEFF' + readFileSync(join(dir, 'cluster.json'), 'utf8');
    writeFileSync(join(dir, 'cluster.json'), before);
    // The folder apt-get download filled, seen through links (a cache shared by several specs).
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    for (const name of readdirSync(debs).filter((n) => n.endsWith('.deb'))) symlinkSync(join(debs, name), join(linked, name));
    const wrote = run(dir, 'bundle', 'linked', '--write', 'cluster.json');
    assert.equal(wrote.status, 0, wrote.stderr);
    const after = readFileSync(join(dir, 'cluster.json'), 'utf8');
    assert.ok(after.startsWith('\uFEFF{'), 'the byte-order mark is kept');
    assert.equal(after.slice(0, before.indexOf('"packages"')), before.slice(0, before.indexOf('"packages"')));
    const files = (JSON.parse(after.slice(1)) as { packages: { bundle: { files: Array<{ name: string }> } } }).packages.bundle.files;
    assert.ok(
      files.some((f) => f.name.startsWith('mesos_')),
      JSON.stringify(files),
    );
    symlinkSync(join(dir, 'nowhere.deb'), join(linked, 'gone_1.0_all.deb'));
    const dangling = run(dir, 'bundle', 'linked');
    assert.equal(dangling.status, 2);
    assert.match(dangling.stderr, /gone_1\.0_all\.deb is a link to nothing/);
  },
);

test('setValues writes a section of thousands of entries in one edit, in the document\'s own layout', async () => {
  const { setValues } = await import('../src/spec/edit-spec.js');
  const text = '{\r\n    "a": 1,\r\n    "packages": { "source": "none" },\r\n    "z": [ "kept as written" ]\r\n}\r\n';
  const files = Array.from({ length: 4000 }, (_, i) => ({ name: `p${i}_1.0_all.deb`, sha256: 'a'.repeat(64), roles: ['master'] }));
  const started = Date.now();
  const out = setValues(text, [[['packages', 'source'], 'bundle'], [['packages', 'bundle', 'files'], files]]);
  // Seconds for 1,000 entries and minutes for 4,000 when every token was its own edit.
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  assert.deepEqual(JSON.parse(out), { a: 1, packages: { source: 'bundle', bundle: { files } }, z: ['kept as written'] });
  assert.ok(out.startsWith('{\r\n    "a": 1,\r\n'), out.slice(0, 40));
  assert.ok(out.endsWith('"z": [ "kept as written" ]\r\n}\r\n'));
  assert.doesNotMatch(out.replaceAll('\r\n', ''), /\n/, 'the document\'s line ends are kept');
  // Indented as the document is: four spaces a level.
  assert.ok(/"files": \[\r\n {16}\{\r\n {20}"name": "p0_1\.0_all\.deb",/.test(out), out.slice(0, 300));
});
