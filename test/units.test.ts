// Small pieces checked against the real programs that read their output where possible.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CHRONOS_FLAGS } from '../src/catalogue/chronos-flags.js';
import { describeFlagTypeError, parseDuration, type FlagType } from '../src/catalogue/flag-types.js';
import { MANAGED_AGENT_FLAGS, MANAGED_CHRONOS_FLAGS, MANAGED_MARATHON_FLAGS, MANAGED_MASTER_FLAGS } from '../src/catalogue/managed-flags.js';
import { MARATHON_FLAGS } from '../src/catalogue/marathon-flags.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../src/catalogue/mesos-flags.js';
import { listTarEntries } from '../src/output/pack.js';
import { writeTar } from '../src/output/tar.js';
import { shellQuote } from '../src/util/escape.js';
import { classifyIpv4, parseIpv4 } from '../src/util/ipv4.js';
import { suggestClosest } from '../src/util/suggest.js';
import { tarListing, tempDir } from './helpers.js';

test('shellQuote: the real sh reads back exactly the original value', () => {
  const hostile = ['plain', '', "it's", '$(touch /tmp/pwned)', '`id`', 'a b c', '"dq"', '\\', '*', '-n', 'ünï', "''"];
  for (const value of hostile) {
    const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' });
    assert.equal(echoed, value);
  }
  // Line breaks of every kind and control characters never reach a script: the rules refuse them.
  for (const value of ['a\0b', 'a b\tc', 'new\nline', 'cr\r', 'nel\u0085', 'ls\u2028', 'ps\u2029', 'esc\x1b[2J']) {
    assert.throws(() => shellQuote(value), /holds U\+/);
  }
});

test('suggestClosest catches typos and ignores unrelated words', () => {
  assert.equal(suggestClosest('offer_timout', Object.keys(MASTER_FLAGS)), 'offer_timeout');
  assert.equal(suggestClosest('zookeper', ['zookeeper', 'mesos']), 'zookeeper');
  assert.equal(suggestClosest('banana', ['zookeeper', 'mesos']), undefined);
});

test('IPv4 literals: no leading zeros, octets 0-255, classified', () => {
  assert.deepEqual(parseIpv4('192.168.1.140'), [192, 168, 1, 140]);
  for (const bad of ['192.168.1', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1.2.3.x', ' 1.2.3.4', '::1']) assert.equal(parseIpv4(bad), undefined, bad);
  assert.equal(classifyIpv4([0, 0, 0, 0]), 'unspecified');
  assert.equal(classifyIpv4([127, 0, 0, 11]), 'loopback');
  assert.equal(classifyIpv4([239, 1, 1, 1]), 'multicast');
});

test('Mesos durations and flag value types follow stout', () => {
  assert.equal(parseDuration('5mins'), 300_000);
  assert.equal(parseDuration('1.5secs'), 1500);
  assert.equal(parseDuration('5min'), undefined);
  const mesos = (type: FlagType, value: unknown) => describeFlagTypeError({ type }, value, true);
  assert.equal(mesos('bool', true), undefined);
  assert.ok(mesos('bool', 'true'));
  assert.equal(mesos('duration', 'file:///etc/mesos/timeout'), undefined);
  assert.ok(mesos('path', 'file:///etc/x'), 'Path flags keep the value as a path');
  assert.equal(mesos('bytes', '512MB'), undefined);
});

test('scallop flags: toggles take both booleans, an on-by-default presence flag only true, no file:/// values', () => {
  assert.equal(describeFlagTypeError({ type: 'toggle' }, false, false), undefined);
  assert.equal(describeFlagTypeError({ type: 'presence' }, false, false), undefined);
  assert.match(describeFlagTypeError({ type: 'presence', on: true }, false, false) ?? '', /cannot be turned off/);
  assert.ok(describeFlagTypeError({ type: 'int' }, 'file:///etc/x', false), 'Marathon does not read values from files');
  assert.ok(describeFlagTypeError({ type: 'int' }, 600000.5, false));
});

test('the managed flags exist in the catalogue, so refusing them is not hiding a typo', () => {
  for (const name of Object.keys(MANAGED_MASTER_FLAGS)) assert.ok(MASTER_FLAGS[name], name);
  for (const name of Object.keys(MANAGED_AGENT_FLAGS)) assert.ok(AGENT_FLAGS[name], name);
  for (const name of Object.keys(MANAGED_MARATHON_FLAGS)) assert.ok(MARATHON_FLAGS[name] || ['help', 'version'].includes(name), name);
  for (const name of Object.keys(MANAGED_CHRONOS_FLAGS)) assert.ok(CHRONOS_FLAGS[name] || name === 'help', name);
});

test('the ustar writer produces archives GNU tar lists and extracts, long names included', () => {
  const dir = tempDir();
  const long = 'd'.repeat(120);
  const files = [
    { path: 'rootfs/etc/a', mode: 0o644, content: Buffer.from('a\n') },
    { path: `rootfs/${long}/${'f'.repeat(99)}`, mode: 0o600, content: Buffer.from('x'.repeat(1000)) },
    { path: `rootfs/${'e'.repeat(200)}/${'g'.repeat(150)}`, mode: 0o644, content: Buffer.from('pax\n') },
  ];
  const tarball = join(dir, 'h.tar.gz');
  writeFileSync(tarball, gzipSync(writeTar(listTarEntries('h', files), 0)));
  const listing = tarListing(tarball);
  assert.match(listing, /^-rw------- 0\/0\s+1000 1970-01-01 00:00 h\/rootfs\/d{120}\/f{99}$/m);
  assert.match(listing, new RegExp(`h/rootfs/${'e'.repeat(200)}/${'g'.repeat(150)}$`, 'm'));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  assert.equal(execFileSync('cat', [join(dir, 'h/rootfs/etc/a')], { encoding: 'utf8' }), 'a\n');
});
