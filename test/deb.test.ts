// A .deb is untrusted input: hostile ar and tar size fields, a control.tar.gz that inflates to a
// GiB, control fields with line breaks or escapes, and a 9,000-package dependency chain. Each is a
// clear diagnostic from `validate` (and `bundle`), in bounded time and memory, never a hang or an
// internal error. The archives are built byte by byte here, as an attacker would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { constants, gzipSync } from 'node:zlib';
import { BIN, REPO, tempDir } from './helpers.js';
import { orderByDependencies, type PackageFacts } from '../src/gather/closure.js';

/** One ar(5) member; `size` replaces the decimal size field. */
function arMember(name: string, data: Buffer, size = String(data.length)): Buffer {
  const header = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${size.padEnd(10)}\`\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), data, Buffer.alloc(data.length % 2, '\n')]);
}

/** One ustar entry; `size` replaces the octal size field. */
function tarEntry(name: string, data: Buffer, size = data.length.toString(8).padStart(11, '0')): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${size}\0`, 124, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function deb(members: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from('!<arch>\n', 'latin1'), arMember('debian-binary', Buffer.from('2.0\n')), ...members]);
}

const control = (fields: string) => tarEntry('./control', Buffer.from(`${fields}Maintainer: t <t@t.invalid>\nDescription: t\n`));
const controlGz = (tar: Buffer) => arMember('control.tar.gz', gzipSync(Buffer.concat([tar, Buffer.alloc(1024)])));

/** A spec of one master and one agent whose bundle lists exactly `files`, written beside them. */
function validateWith(debs: Record<string, Buffer>): { status: number | null; out: string; ms: number } {
  const dir = tempDir('mesosgen-deb-');
  const spec = JSON.parse(readFileSync(join(REPO, 'test/golden/bundle/spec.json'), 'utf8')) as { packages: { bundle: { dir: string; files: unknown[] } } };
  spec.packages.bundle.dir = '.';
  spec.packages.bundle.files = Object.entries(debs).map(([name, content]) => {
    writeFileSync(join(dir, name), content);
    return { name, sha256: createHash('sha256').update(content).digest('hex'), roles: ['master'] };
  });
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec));
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'validate', 'cluster.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout + r.stderr, ms: Date.now() - started };
}

const good = 'Package: mesos\nVersion: 1.9.0-2.0.1\nArchitecture: all\n';

test('hostile size fields in a .deb are refused at once, never looped on', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['ar-negative.deb', deb([arMember('control.tar.gz', Buffer.alloc(60), '-60')]), /size field "-60", not a decimal number/],
    ['ar-hex.deb', deb([arMember('control.tar.gz', Buffer.alloc(60), '0x3c')]), /not a decimal number/],
    ['ar-huge.deb', deb([arMember('control.tar.gz', Buffer.alloc(60), '9999999999')]), /truncated ar archive/],
    ['tar-negative.deb', deb([controlGz(tarEntry('./other', Buffer.alloc(10), '-1000'))]), /size field "-1000", not an octal number/],
    ['tar-huge.deb', deb([controlGz(tarEntry('./other', Buffer.alloc(10), '77777777777'))]), /truncated control\.tar/],
  ];
  for (const [name, content, why] of cases) {
    const run = validateWith({ [name]: content });
    assert.equal(run.status, 1, `${name}: ${run.out}`);
    assert.match(run.out, new RegExp(`error E_DEB_INVALID /packages/bundle/files/0/name: \\S*${name.replace('.', '\\.')} is not a usable Debian package: .*`));
    assert.match(run.out, why, name);
    assert.ok(run.ms < 20_000, `${name} took ${run.ms} ms`);
  }
  // `bundle` reads the same files.
  const dir = tempDir('mesosgen-deb-bundle-');
  writeFileSync(join(dir, 'x.deb'), cases[0][1]);
  const bundle = spawnSync(process.execPath, [BIN, 'bundle', dir], { encoding: 'utf8', timeout: 60_000 });
  assert.notEqual(bundle.status, 0);
  assert.equal(bundle.signal, null, 'bundle must not hang');
  assert.match(bundle.stderr, /not a decimal number/);
});

test('a control.tar.gz that inflates past 64 MiB is refused without inflating it', () => {
  // 128 MiB of zeros compresses to 128 KiB; a 1 GiB one is refused the same way, only slower to make.
  const bomb = gzipSync(Buffer.alloc(128 * 1024 * 1024), { level: constants.Z_BEST_COMPRESSION });
  const run = validateWith({ 'bomb.deb': deb([arMember('control.tar.gz', bomb)]) });
  assert.equal(run.status, 1, run.out);
  assert.match(run.out, /control\.tar\.gz inflates to more than 64 MiB/);
});

test('control fields that would reach install.sh are checked like spec values: validate refuses them', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['continued.deb', 'Package: mesos\nVersion: 1.9.0\n evil=1\nArchitecture: all\n', /Version field holds U\+000A \(LINE FEED\) \(a continuation line\)/],
    ['escape.deb', 'Package: mesos\nVersion: 1.9.0\u001b[2J\nArchitecture: all\n', /Version field holds U\+001B \(ESCAPE\)/],
    ['bidi.deb', 'Package: mesos\u202e\nVersion: 1.9.0\nArchitecture: all\n', /Package field holds U\+202E \(RIGHT-TO-LEFT OVERRIDE\)/],
    ['quote.deb', "Package: mesos\nVersion: 1.9.0'$(id)\nArchitecture: all\n", /Version field "1\.9\.0'\$\(id\)" is not valid Debian version syntax/],
    ['upper.deb', 'Package: Mesos\nVersion: 1.9.0\nArchitecture: all\n', /Package field "Mesos" is not valid Debian package syntax/],
  ];
  for (const [name, fields, why] of cases) {
    const run = validateWith({ [name]: deb([controlGz(control(fields))]) });
    assert.equal(run.status, 1, `${name}: ${run.out}`);
    assert.match(run.out, why, name);
    assert.doesNotMatch(run.out, /internal error|\u001b\[2J|\u202e/);
  }
  // Folded relationship fields are normal (deb-control(5)) and still accepted.
  const folded = validateWith({ 'mesos_1.9.0-2.0.1_all.deb': deb([controlGz(control(`${good}Depends: libc6,\n lsb-base\n`))]) });
  assert.doesNotMatch(folded.out, /E_DEB_INVALID/, folded.out);
});

test('a dependency chain of 9,000 packages is ordered without recursion, in linear time', () => {
  const chain: PackageFacts[] = Array.from({ length: 9000 }, (_, i) => ({
    package: `p${String(i).padStart(5, '0')}`,
    version: '1',
    provides: [],
    needs: i + 1 < 9000 ? [[{ name: `p${String(i + 1).padStart(5, '0')}` }]] : [],
  }));
  const started = Date.now();
  const ordered = orderByDependencies(chain);
  assert.ok(Date.now() - started < 5000);
  // Dependencies first: the last of the chain comes first.
  assert.deepEqual(ordered.map((p) => p.package), [...chain].reverse().map((p) => p.package));
  // A cycle still puts each member once.
  const cycle: PackageFacts[] = [
    { package: 'a', version: '1', provides: [], needs: [[{ name: 'b' }]] },
    { package: 'b', version: '1', provides: [], needs: [[{ name: 'a' }]] },
  ];
  assert.deepEqual(orderByDependencies(cycle).map((p) => p.package), ['b', 'a']);
});
