// Dotted numeric versions as the spec pins them ("1.10.2") and the catalogues name them ("1.10").

/** "1.10.2" -> "1.10"; used to pick catalogues. */
export function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** Compares two dotted numeric versions ("1.9" < "1.10"); negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
