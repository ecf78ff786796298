/**
 * From a captured frame to a TCP segment: the link layers tcpdump writes (Ethernet with
 * VLAN tags, Linux cooked capture v1 and v2, raw IP, BSD loopback), IPv4 and IPv6, then
 * the TCP header. Anything else is a reason to skip the record, never an exception.
 */
import type { Packet, SkipWhy } from './packet.ts';

/** Link-layer header types (tcpdump.org linktypes) this reader understands. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_OLD: 12,
  RAW_OPENBSD: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
/** AF_INET6 as BSD-derived systems number it (NetBSD/OpenBSD 24, FreeBSD 28, macOS 30) and Linux (10). */
const AF_INET6 = new Set([10, 24, 28, 30]);

export type Decoded = Omit<Packet, 'n' | 'ts'>;

/** Where the IP packet inside the frame at [base, end) of `view` starts, or why there is none. */
function ipStart(linktype: number, view: DataView, base: number, end: number): number | SkipWhy {
  switch (linktype) {
    case LINKTYPE.ETHERNET: {
      let at = base + 12;
      if (end < at + 2) return 'truncated';
      let type = view.getUint16(at);
      while (VLAN_TAGS.has(type)) {
        at += 4;
        if (end < at + 2) return 'truncated';
        type = view.getUint16(at);
      }
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? at + 2 : 'not-ip';
    }
    case LINKTYPE.LINUX_SLL: {
      if (end < base + 16) return 'truncated';
      const type = view.getUint16(base + 14);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? base + 16 : 'not-ip';
    }
    case LINKTYPE.LINUX_SLL2: {
      if (end < base + 20) return 'truncated';
      const type = view.getUint16(base);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? base + 20 : 'not-ip';
    }
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (end < base + 4) return 'truncated';
      // NULL stores the family in the capturing host's byte order, LOOP in network order.
      const family =
        linktype === LINKTYPE.LOOP ? view.getUint32(base) : Math.min(view.getUint32(base, true), view.getUint32(base));
      return family === 2 || AF_INET6.has(family) ? base + 4 : 'not-ip';
    }
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_OLD:
    case LINKTYPE.RAW_OPENBSD:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return base;
    default:
      return 'link-type';
  }
}

export function isKnownLinktype(linktype: number): boolean {
  return (Object.values(LINKTYPE) as number[]).includes(linktype);
}

const ipv4Names = new Map<number, string>();

function ipv4(view: DataView, at: number): string {
  const word = view.getUint32(at);
  let name = ipv4Names.get(word);
  if (name === undefined) {
    if (ipv4Names.size > 50_000) ipv4Names.clear();
    name = `${word >>> 24}.${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
    ipv4Names.set(word, name);
  }
  return name;
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups shortened to `::`. */
export function ipv6(view: DataView, at: number): string {
  const groups: number[] = [];
  for (let k = 0; k < 8; k++) groups.push(view.getUint16(at + 2 * k));
  let best = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < 8 && groups[end] === 0) end++;
    if (end - k > bestLen) [best, bestLen] = [k, end - k];
    k = end;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** IPv6 extension headers that may sit between the fixed header and TCP (RFC 8200 §4). */
const IPV6_EXTENSIONS = new Set([0, 43, 60, 51]);
const IPV6_FRAGMENT = 44;
const TCP = 6;

/**
 * Decodes the frame at [base, base + length) of `view`: the TCP segment it carries, or why
 * it carries none. Readers pass the view of the chunk they hold, so no copy is made.
 */
export function decodeFrame(linktype: number, view: DataView, base: number, length: number): Decoded | SkipWhy {
  const end = base + length;
  const start = ipStart(linktype, view, base, end);
  if (typeof start === 'string') return start;
  if (end < start + 1) return 'truncated';
  const version = view.getUint8(start) >> 4;
  let src: string;
  let dst: string;
  let tcp: number;
  /** TCP header + payload length, from the IP header. */
  let tcpLength: number;
  if (version === 4) {
    if (end < start + 20) return 'truncated';
    const ihl = (view.getUint8(start) & 0x0f) * 4;
    if (ihl < 20) return 'bad-header';
    if (view.getUint8(start + 9) !== TCP) return 'not-tcp';
    const fragment = view.getUint16(start + 6);
    if ((fragment & 0x1fff) !== 0 || (fragment & 0x2000) !== 0) return 'ip-fragment';
    const total = view.getUint16(start + 2);
    src = ipv4(view, start + 12);
    dst = ipv4(view, start + 16);
    tcp = start + ihl;
    // A total length of 0 is what segmentation offload leaves in captures: trust the frame then.
    tcpLength = total === 0 ? end - tcp : total - ihl;
  } else if (version === 6) {
    if (end < start + 40) return 'truncated';
    let next = view.getUint8(start + 6);
    const payload = view.getUint16(start + 4);
    src = ipv6(view, start + 8);
    dst = ipv6(view, start + 24);
    tcp = start + 40;
    let extensions = 0;
    while (next !== TCP) {
      if (next === IPV6_FRAGMENT) return 'ip-fragment';
      if (!IPV6_EXTENSIONS.has(next)) return 'not-tcp';
      if (end < tcp + 8) return 'truncated';
      const size = next === 51 ? (view.getUint8(tcp + 1) + 2) * 4 : (view.getUint8(tcp + 1) + 1) * 8;
      next = view.getUint8(tcp);
      tcp += size;
      extensions += size;
    }
    tcpLength = payload === 0 ? end - tcp : payload - extensions;
  } else {
    return 'not-ip';
  }
  if (end < tcp + 20) return 'truncated';
  const offset = (view.getUint8(tcp + 12) >> 4) * 4;
  if (offset < 20 || tcpLength < offset) return 'bad-header';
  const flags = view.getUint8(tcp + 13);
  return {
    src,
    dst,
    sport: view.getUint16(tcp),
    dport: view.getUint16(tcp + 2),
    flags,
    seq: view.getUint32(tcp + 4),
    ack: flags & 0x10 ? view.getUint32(tcp + 8) : null,
    len: tcpLength - offset,
    win: view.getUint16(tcp + 14),
    wscale: flags & 0x02 ? windowScale(view, tcp + 20, Math.min(end, tcp + offset)) : null,
  };
}

/** Walks the options of a SYN (RFC 9293 §3.2) for kind 3, the window scale (RFC 7323 §2). */
function windowScale(view: DataView, from: number, to: number): number | null {
  for (let k = from; k < to;) {
    const kind = view.getUint8(k);
    if (kind === 0) return null;
    if (kind === 1) {
      k++;
      continue;
    }
    if (k + 1 >= to) return null;
    const size = view.getUint8(k + 1);
    if (size < 2) return null;
    if (kind === 3 && size === 3 && k + 2 < to) return Math.min(view.getUint8(k + 2), 14);
    k += size;
  }
  return null;
}
