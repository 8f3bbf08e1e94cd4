import { isIPv4, isIPv6 } from 'node:net';

export interface ParsedCidr {
  readonly version: 4 | 6;
  readonly address: string;
  readonly prefixLength: number;
  /** The CIDR with host bits cleared, in canonical form: what the user most likely meant. */
  readonly network: string;
  readonly hasHostBits: boolean;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function bigIntToIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two hextets.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = text.includes('::') ? 8 - headParts.length - tailParts.length : 0;
  const parts = [...headParts, ...Array(fill).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part, 16)), 0n);
}

function bigIntToIpv6(value: bigint): string {
  const hextets = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (≥ 2) of zero hextets.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (hextets[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = hextets.map((h) => h.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Parses `a.b.c.d/n` or `x:y::z/n`; returns undefined when it is not a CIDR at all. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const [, address, prefixText] = match;
  const prefixLength = Number(prefixText);
  if (isIPv4(address)) {
    if (prefixLength > 32) return undefined;
    const bits = 32n;
    const mask = prefixLength === 0 ? 0n : ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefixLength))) - 1n);
    const value = ipv4ToBigInt(address);
    const network = bigIntToIpv4(value & mask);
    return { version: 4, address, prefixLength, network: `${network}/${prefixLength}`, hasHostBits: (value & mask) !== value };
  }
  if (isIPv6(address) && !address.includes('%')) {
    if (prefixLength > 128) return undefined;
    const bits = 128n;
    const mask = prefixLength === 0 ? 0n : ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefixLength))) - 1n);
    const value = ipv6ToBigInt(address);
    const network = bigIntToIpv6(value & mask);
    return { version: 6, address, prefixLength, network: `${network}/${prefixLength}`, hasHostBits: (value & mask) !== value };
  }
  return undefined;
}

/** True when the CIDR covers every address of its family (0.0.0.0/0, ::/0). */
export function isWholeInternet(cidr: ParsedCidr): boolean {
  return cidr.prefixLength === 0;
}

/** True when `ip` (a plain address) lies inside `cidr`. */
export function cidrContains(cidr: string, ip: string): boolean {
  const parsed = parseCidr(cidr);
  if (!parsed) return false;
  const v4 = isIPv4(ip);
  if ((parsed.version === 4) !== v4 || (!v4 && !isIPv6(ip))) return false;
  const bits = parsed.version === 4 ? 32n : 128n;
  const mask = parsed.prefixLength === 0 ? 0n : ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(parsed.prefixLength))) - 1n);
  const toInt = parsed.version === 4 ? ipv4ToBigInt : ipv6ToBigInt;
  return (toInt(ip) & mask) === (toInt(parsed.address) & mask);
}

interface Range {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

function rangeOf(cidr: string): Range | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed) return undefined;
  const bits = parsed.version === 4 ? 32n : 128n;
  const size = 1n << (bits - BigInt(parsed.prefixLength));
  const first = (parsed.version === 4 ? ipv4ToBigInt : ipv6ToBigInt)(parsed.address) & ~(size - 1n);
  return { version: parsed.version, first, last: first + size - 1n };
}

/**
 * Drops every CIDR that another one of the list covers (duplicates included), keeping the order of
 * the rest. Two CIDRs either nest or do not meet at all, so what remains never overlaps: nftables
 * refuses overlapping set elements ("conflicting intervals") and AWS refuses duplicate prefix-list
 * entries. `key` picks the CIDR of an entry; the first of two equal ones stays.
 */
export function withoutCoveredCidrs<T>(entries: readonly T[], key: (entry: T) => string): T[] {
  const ranges = entries.map((e) => rangeOf(key(e)));
  return entries.filter((_, i) => {
    const mine = ranges[i];
    if (!mine) return true;
    return !ranges.some(
      (other, j) =>
        other !== undefined &&
        j !== i &&
        other.version === mine.version &&
        other.first <= mine.first &&
        mine.last <= other.last &&
        (other.first !== mine.first || other.last !== mine.last || j < i),
    );
  });
}

/** The smallest union of allowed sources that counts as public exposure: a /8 of IPv4, a /16 of IPv6. */
export const PUBLIC_UNION_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * The address families in which `cidrs` together cover at least a /8 (IPv4) or a /16 (IPv6): the
 * whole internet in slices (0.0.0.0/1 + 128.0.0.0/1) is still the whole internet. The config's
 * `allowPublic` check and the FTPKIT-PUBLIC-INGRESS rule both judge by this one measure.
 */
export function publicFamilies(cidrs: readonly string[]): Array<4 | 6> {
  const ranges = cidrs.map(rangeOf).filter((r): r is Range => r !== undefined);
  return ([4, 6] as const).filter((version) => {
    // Sorted by start, nested ranges add nothing: CIDRs either nest or are disjoint.
    const mine = ranges
      .filter((r) => r.version === version)
      .sort((a, b) => (a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.last > b.last ? -1 : a.last < b.last ? 1 : 0));
    let total = 0n;
    let end = -1n;
    for (const r of mine) {
      if (r.last <= end) continue;
      total += r.last - r.first + 1n;
      end = r.last;
    }
    return total >= 1n << BigInt((version === 4 ? 32 : 128) - PUBLIC_UNION_PREFIX[version]);
  });
}

/** Ranges no host can be reached at: "this network" (0/8), multicast (224/4), reserved and broadcast (240/4). */
const NOT_UNICAST_V4 = ['0.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4'];

/** True when `ip` is an IPv4 address one host can have: what pasv_address must be. */
export function isUnicastIpv4(ip: string): boolean {
  return isIPv4(ip) && !NOT_UNICAST_V4.some((cidr) => cidrContains(cidr, ip));
}
