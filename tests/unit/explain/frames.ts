/**
 * Capture bytes built by hand, field by field from the formats' specifications (RFC 9293
 * §3.1 for TCP, RFC 791 and RFC 8200 for IP, the tcpdump.org link-type pages, and
 * draft-ietf-opsawg-pcap / -pcapng), independent of the code under test.
 */

export interface TcpFields {
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** tcpdump letters: S F R P and . for ACK. */
  flags: string;
  win?: number;
  payload?: number;
  wscale?: number;
}

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, '.': 16 };

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}
function put32(b: Uint8Array, at: number, v: number): void {
  put16(b, at, (v >>> 16) & 0xffff);
  put16(b, at + 2, v & 0xffff);
}

export function tcp(f: TcpFields): Uint8Array {
  const options = f.wscale === undefined ? [] : [1, 3, 3, f.wscale];
  const header = 20 + options.length;
  const b = new Uint8Array(header + (f.payload ?? 0));
  put16(b, 0, f.sport);
  put16(b, 2, f.dport);
  put32(b, 4, f.seq >>> 0);
  put32(b, 8, (f.ack ?? 0) >>> 0);
  b[12] = (header / 4) << 4;
  b[13] = Array.from(f.flags).reduce((bits, c) => bits | (FLAG_BITS[c] ?? 0), 0);
  put16(b, 14, f.win ?? 1000);
  b.set(options, 20);
  return b;
}

export function ipv4(
  src: readonly number[],
  dst: readonly number[],
  payload: Uint8Array,
  protocol = 6,
  fragment = 0x4000,
): Uint8Array {
  const b = new Uint8Array(20 + payload.length);
  b[0] = 0x45;
  put16(b, 2, b.length);
  put16(b, 6, fragment);
  b[8] = 64;
  b[9] = protocol;
  b.set(src, 12);
  b.set(dst, 16);
  b.set(payload, 20);
  return b;
}

/** IPv6 with an optional hop-by-hop options header (8 bytes of padding) before the payload. */
export function ipv6(
  src: readonly number[],
  dst: readonly number[],
  payload: Uint8Array,
  hopByHop = false,
  next = 6,
): Uint8Array {
  const ext = hopByHop ? 8 : 0;
  const b = new Uint8Array(40 + ext + payload.length);
  b[0] = 0x60;
  put16(b, 4, ext + payload.length);
  b[6] = hopByHop ? 0 : next;
  b[7] = 64;
  b.set(src, 8);
  b.set(dst, 24);
  if (hopByHop) {
    b[40] = next;
    b[41] = 0;
    b.set([1, 4, 0, 0, 0, 0], 42);
  }
  b.set(payload, 40 + ext);
  return b;
}

const isV6 = (ip: Uint8Array) => ip[0] !== undefined && ip[0] >> 4 === 6;

export function ethernet(ip: Uint8Array, vlans: number[] = [], ethertype?: number): Uint8Array {
  const b = new Uint8Array(14 + 4 * vlans.length + ip.length);
  b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
  let at = 12;
  for (const [k, vlan] of vlans.entries()) {
    put16(b, at, k === 0 && vlans.length > 1 ? 0x88a8 : 0x8100);
    put16(b, at + 2, vlan);
    at += 4;
  }
  put16(b, at, ethertype ?? (isV6(ip) ? 0x86dd : 0x0800));
  b.set(ip, at + 2);
  return b;
}

/** LINKTYPE_LINUX_SLL: packet type, ARPHRD, address length, 8 address bytes, protocol. */
export function sll(ip: Uint8Array): Uint8Array {
  const b = new Uint8Array(16 + ip.length);
  put16(b, 2, 1);
  put16(b, 4, 6);
  put16(b, 14, isV6(ip) ? 0x86dd : 0x0800);
  b.set(ip, 16);
  return b;
}

/** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes. */
export function sll2(ip: Uint8Array): Uint8Array {
  const b = new Uint8Array(20 + ip.length);
  put16(b, 0, isV6(ip) ? 0x86dd : 0x0800);
  put32(b, 4, 3);
  put16(b, 8, 1);
  b[11] = 6;
  b.set(ip, 20);
  return b;
}

/** LINKTYPE_NULL: the address family in the capturing host's byte order (here little-endian). */
export function nullLoop(ip: Uint8Array, family = isV6(ip) ? 30 : 2): Uint8Array {
  const b = new Uint8Array(4 + ip.length);
  b[0] = family;
  b.set(ip, 4);
  return b;
}

export interface Frame {
  ts: number;
  bytes: Uint8Array;
}

export interface PcapOptions {
  little?: boolean;
  nano?: boolean;
  linktype?: number;
  snaplen?: number;
}

export function pcap(frames: readonly Frame[], o: PcapOptions = {}): Uint8Array {
  const little = o.little ?? true;
  const size = 24 + frames.reduce((n, f) => n + 16 + f.bytes.length, 0);
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  v.setUint32(0, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, little);
  v.setUint16(4, 2, little);
  v.setUint16(6, 4, little);
  v.setUint32(16, o.snaplen ?? 65535, little);
  v.setUint32(20, o.linktype ?? 1, little);
  let at = 24;
  for (const f of frames) {
    const sec = Math.floor(f.ts);
    v.setUint32(at, sec, little);
    v.setUint32(at + 4, Math.round((f.ts - sec) * (o.nano ? 1e9 : 1e6)), little);
    v.setUint32(at + 8, f.bytes.length, little);
    v.setUint32(at + 12, f.bytes.length, little);
    b.set(f.bytes, at + 16);
    at += 16 + f.bytes.length;
  }
  return b;
}

function block(type: number, body: Uint8Array, little: boolean): Uint8Array {
  const padded = Math.ceil(body.length / 4) * 4;
  const b = new Uint8Array(12 + padded);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, little);
  v.setUint32(4, b.length, little);
  b.set(body, 8);
  v.setUint32(b.length - 4, b.length, little);
  return b;
}

function bytesOf(length: number, fill: (v: DataView) => void): Uint8Array {
  const b = new Uint8Array(length);
  fill(new DataView(b.buffer));
  return b;
}

export interface PcapngOptions {
  little?: boolean;
  linktype?: number;
  /** if_tsresol byte; absent: microseconds. */
  tsresol?: number;
  /** Write frames as Simple Packet Blocks (no time stamps). */
  simple?: boolean;
  /** Put a name-resolution block and an unknown block between the packets. */
  extraBlocks?: boolean;
}

export function pcapng(frames: readonly Frame[], o: PcapngOptions = {}): Uint8Array {
  const little = o.little ?? true;
  const parts: Uint8Array[] = [];
  parts.push(
    block(
      0x0a0d0d0a,
      bytesOf(16, (v) => {
        v.setUint32(0, 0x1a2b3c4d, little);
        v.setUint16(4, 1, little);
        v.setUint16(6, 0, little);
        v.setBigInt64(8, -1n, little);
      }),
      little,
    ),
  );
  const resolution = o.tsresol === undefined ? 1e6 : o.tsresol & 0x80 ? 2 ** (o.tsresol & 0x7f) : 10 ** o.tsresol;
  parts.push(
    block(
      1,
      bytesOf(o.tsresol === undefined ? 8 : 20, (v) => {
        v.setUint16(0, o.linktype ?? 1, little);
        v.setUint32(4, 0, little);
        if (o.tsresol !== undefined) {
          v.setUint16(8, 9, little);
          v.setUint16(10, 1, little);
          v.setUint8(12, o.tsresol);
          // opt_endofopt
        }
      }),
      little,
    ),
  );
  frames.forEach((f, k) => {
    if (o.extraBlocks && k === 1) {
      parts.push(block(4, new Uint8Array(4), little));
      parts.push(block(0x0bad0bad, new Uint8Array(10), little));
    }
    if (o.simple) {
      const body = new Uint8Array(4 + f.bytes.length);
      new DataView(body.buffer).setUint32(0, f.bytes.length, little);
      body.set(f.bytes, 4);
      parts.push(block(3, body, little));
      return;
    }
    const stamp = BigInt(Math.round(f.ts * resolution));
    const body = new Uint8Array(20 + f.bytes.length);
    const v = new DataView(body.buffer);
    v.setUint32(0, 0, little);
    v.setUint32(4, Number(stamp >> 32n), little);
    v.setUint32(8, Number(stamp & 0xffffffffn), little);
    v.setUint32(12, f.bytes.length, little);
    v.setUint32(16, f.bytes.length, little);
    body.set(f.bytes, 20);
    parts.push(block(6, body, little));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const A = [10, 9, 0, 1];
const B = [10, 9, 0, 2];
const A6 = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1];
const B6 = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];

/**
 * A close with unread data (R5), as Linux puts it on the wire: the client's handshake and
 * 100 bytes, the server's ACK, then RST+ACK with seq = the server's SND.NXT.
 */
export function unreadDataConversation(v6 = false): { ts: number; ip: Uint8Array }[] {
  const [c, s] = v6 ? [A6, B6] : [A, B];
  const ip = (from: readonly number[], to: readonly number[], t: Uint8Array) =>
    v6 ? ipv6(from, to, t) : ipv4(from, to, t);
  const cs = (f: TcpFields) => ip(c, s, tcp(f));
  const sc = (f: TcpFields) => ip(s, c, tcp(f));
  return [
    { ts: 1000, ip: cs({ sport: 40000, dport: 80, seq: 100, flags: 'S', wscale: 7 }) },
    { ts: 1000.001, ip: sc({ sport: 80, dport: 40000, seq: 5000, ack: 101, flags: 'S.', wscale: 7 }) },
    { ts: 1000.002, ip: cs({ sport: 40000, dport: 80, seq: 101, ack: 5001, flags: '.' }) },
    { ts: 1000.003, ip: cs({ sport: 40000, dport: 80, seq: 101, ack: 5001, flags: 'P.', payload: 100 }) },
    { ts: 1000.004, ip: sc({ sport: 80, dport: 40000, seq: 5001, ack: 201, flags: '.' }) },
    { ts: 1000.304, ip: sc({ sport: 80, dport: 40000, seq: 5001, ack: 201, flags: 'R.' }) },
  ];
}

/** The conversation framed for a link type. */
export function framed(conversation: { ts: number; ip: Uint8Array }[], link: (ip: Uint8Array) => Uint8Array): Frame[] {
  return conversation.map(({ ts, ip }) => ({ ts, bytes: link(ip) }));
}
