// SHA256SUMS' last block comes from TarballSums: host tarball lines built from 32-byte digests,
// merged with the other lines, all in path order. Checked against building every line and sorting.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { TarballSums } from '../src/output/tarball-sums.js';
import { byteOrder } from '../src/util/order.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

test('tarball lines merge with the others in path order, as sorting every line does', () => {
  // Names where the ".tar.gz" suffix reorders (a, a-b, a.b, a0) and others that sort among them.
  const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,5}$/);
  fc.assert(
    fc.property(fc.uniqueArray(name, { maxLength: 30 }), fc.boolean(), (unsorted, withCluster) => {
      const names = [...unsorted].sort(byteOrder);
      const sums = new TarballSums(names);
      names.forEach((n, i) => sums.set(i, sha(n)));
      const others = [`${sha('m')}  manifest.json\n`, `${sha('i')}  cluster/ansible/inventory.yml\n`];
      if (withCluster) others.push(`${sha('c')}  tarballs/cluster.tar.gz\n`);
      const written: string[] = [];
      sums.writeSorted(others, (line) => written.push(line));
      const expected = [...others, ...names.map((n) => `${sha(n)}  tarballs/${n}.tar.gz\n`)].sort((a, b) => byteOrder(a.slice(66), b.slice(66)));
      assert.deepEqual(written, expected);
      assert.deepEqual(sums.byName(), new Map(names.map((n) => [n, sha(n)])));
    }),
    { numRuns: 500, seed: 14 },
  );
});
