// IPv4 literals as Mesos and ZooKeeper accept them: four decimal octets, no leading zeros
// (inet_aton would read "010" as octal 8, which is never what an operator meant).

export type Ipv4Class = 'unicast' | 'unspecified' | 'loopback' | 'multicast' | 'broadcast';

/** Parses a dotted-quad IPv4 literal; returns undefined when `text` is not one. */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** Classifies a parsed address, so rules can refuse 0.0.0.0 and warn on loopback. */
export function classifyIpv4(octets: number[]): Ipv4Class {
  if (octets.every((o) => o === 0)) return 'unspecified';
  if (octets.every((o) => o === 255)) return 'broadcast';
  if (octets[0] === 127) return 'loopback';
  if (octets[0] >= 224 && octets[0] <= 239) return 'multicast';
  return 'unicast';
}
