// Debian version comparison as dpkg does it (deb-version(7)): [epoch:]upstream[-revision], where
// the two strings are compared in alternating non-digit and digit runs; in non-digit runs letters
// sort before other characters and "~" before everything, even the end of the string.

interface Parsed {
  epoch: number;
  upstream: string;
  revision: string;
}

function parse(version: string): Parsed {
  const colon = version.indexOf(':');
  const epoch = colon > 0 ? Number(version.slice(0, colon)) : 0;
  const rest = colon > 0 ? version.slice(colon + 1) : version;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

// The weight of one character in a non-digit run: "~" lowest, then the end, letters, the rest.
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function compareParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit run.
    while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
      const ca = i < a.length && !/[0-9]/.test(a[i]) ? a[i] : undefined;
      const cb = j < b.length && !/[0-9]/.test(b[j]) ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return d;
      i++;
      j++;
    }
    // Digit run, compared as a number (leading zeros do not count).
    let na = '';
    let nb = '';
    while (i < a.length && /[0-9]/.test(a[i])) na += a[i++];
    while (j < b.length && /[0-9]/.test(b[j])) nb += b[j++];
    na = na.replace(/^0+/, '');
    nb = nb.replace(/^0+/, '');
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  return 0;
}

/** Compares two Debian versions like `dpkg --compare-versions`: negative, zero or positive. Never fails. */
export function compareDebianVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa.epoch !== pb.epoch) return pa.epoch - pb.epoch;
  return compareParts(pa.upstream, pb.upstream) || compareParts(pa.revision, pb.revision);
}

/** Whether `version` satisfies the relation `op target` of a Depends field (<<, <=, =, >=, >>). */
export function satisfiesRelation(version: string, op: string, target: string): boolean {
  const d = compareDebianVersions(version, target);
  switch (op) {
    case '<<':
      return d < 0;
    case '<=':
    case '<':
      return d <= 0;
    case '=':
      return d === 0;
    case '>=':
    case '>':
      return d >= 0;
    case '>>':
      return d > 0;
    default:
      return false;
  }
}
