// The hosts' tarball checksums, kept until the end of a build: SHA256SUMS lists them in its last
// block, sorted by path with manifest.json and the late cluster files, and the Ansible inventory
// needs them all. 32 bytes per host instead of a line of text each (100,000 hosts: 3 MB, not 13 MB).

const SUFFIX = '.tar.gz';

/** Tarball digests by host index (the plan's host order). */
export class TarballSums {
  private readonly digests: Buffer;

  constructor(private readonly names: readonly string[]) {
    this.digests = Buffer.alloc(32 * names.length);
  }

  /** Records host `index`'s tarball sha256 (hex). */
  set(index: number, sha256: string): void {
    this.digests.write(sha256, 32 * index, 32, 'hex');
  }

  /** Host `index`'s tarball sha256 (hex). */
  get(index: number): string {
    return this.digests.toString('hex', 32 * index, 32 * index + 32);
  }

  /** Every host's tarball sha256 by host name. */
  byName(): Map<string, string> {
    return new Map(this.names.map((name, i) => [name, this.get(i)]));
  }

  /**
   * Writes every host's `<sha256>  tarballs/<host>.tar.gz` line merged with `others` (lines of the
   * same form), all in path order.
   */
  writeSorted(others: readonly string[], write: (line: string) => void): void {
    const rest = [...others].sort(byPathOfSumLine);
    // Names are sorted, but not always their tarball names ("a-b.tar.gz" sorts before "a.tar.gz").
    const order = Uint32Array.from(this.names, (_, i) => i).sort((a, b) => compareWithSuffix(this.names[a], this.names[b]));
    let o = 0;
    for (const i of order) {
      const line = `${this.get(i)}  tarballs/${this.names[i]}${SUFFIX}\n`;
      while (o < rest.length && byPathOfSumLine(rest[o], line) < 0) write(rest[o++]);
      write(line);
    }
    while (o < rest.length) write(rest[o++]);
  }
}

/**
 * Orders `<sha256>  <path>` lines by path, as byteOrder orders the paths (UTF-16 code units). Compares
 * in place: slicing each line per comparison made millions of strings.
 */
export function byPathOfSumLine(a: string, b: string): number {
  const start = 66; // 64 hex digits and two spaces
  for (let i = start; i < a.length && i < b.length; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

// byteOrder of `a + SUFFIX` and `b + SUFFIX`, without building them.
function compareWithSuffix(a: string, b: string): number {
  const charAt = (s: string, k: number) => (k < s.length ? s.charCodeAt(k) : SUFFIX.charCodeAt(k - s.length));
  const shorter = Math.min(a.length, b.length) + SUFFIX.length;
  for (let k = 0; k < shorter; k++) {
    const d = charAt(a, k) - charAt(b, k);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
