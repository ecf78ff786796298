/**
 * A trace as a classic libpcap file (Ethernet, IPv4, TCP) for Wireshark, and a small reader
 * for it. Deterministic: addresses come from host order, times from a fixed epoch.
 */
import { FLAG_ORDER, type Flag, type Trace, type TraceSegment } from '../model/trace.ts';
import { formatIp, hostIp, hostMac, internetChecksum, onesComplementSum, pseudoHeader } from './inet.ts';

/** 2026-01-01T00:00:00Z in seconds: the default capture start, so files do not depend on the clock. */
export const DEFAULT_EPOCH = 1_767_225_600;
export const LINKTYPE_ETHERNET = 1;
/** The MSS option every SYN carries (Ethernet MTU 1500 − 40). */
export const SYN_MSS = 1460;

const MAGIC = 0xa1b2c3d4;
const SNAPLEN = 65535;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const ETH = 14;
const IP = 20;
const TCP = 20;
const MSS_OPTION = 4;

export interface PcapOptions {
  /** Seconds since 1970 added to every segment's send time (default `DEFAULT_EPOCH`). */
  epoch?: number;
}

/** One Ethernet+IPv4+TCP frame per trace segment, stamped with its send time. */
export function tracePcap(trace: Trace, options: PcapOptions = {}): Uint8Array {
  const epoch = options.epoch ?? DEFAULT_EPOCH;
  const indexOf = hostIndexer(trace.hosts);
  const frames = trace.segments.map((seg, k) => tcpFrame(seg, indexOf(seg.from), indexOf(seg.to), k + 1));
  const size = frames.reduce((sum, frame) => sum + RECORD_HEADER + frame.length, GLOBAL_HEADER);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  // 8..15: thiszone and sigfigs stay 0.
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let offset = GLOBAL_HEADER;
  frames.forEach((frame, k) => {
    const micros = Math.round((epoch + (trace.segments[k]?.t ?? 0)) * 1e6);
    const sec = Math.floor(micros / 1e6);
    if (!(sec >= 0 && sec <= 0xffffffff)) throw new RangeError(`pcap: timestamp ${sec}s out of range`);
    view.setUint32(offset, sec, true);
    view.setUint32(offset + 4, micros - sec * 1e6, true);
    view.setUint32(offset + 8, frame.length, true);
    view.setUint32(offset + 12, frame.length, true);
    out.set(frame, offset + RECORD_HEADER);
    offset += RECORD_HEADER + frame.length;
  });
  return out;
}

/** Hosts get their index in `trace.hosts`; a name not listed there gets the next free one. */
function hostIndexer(hosts: readonly string[]): (name: string) => number {
  const known = new Map(hosts.map((name, i) => [name, i]));
  return (name) => {
    let i = known.get(name);
    if (i === undefined) known.set(name, (i = known.size));
    return i;
  };
}

function tcpFrame(seg: TraceSegment, src: number, dst: number, ipId: number): Uint8Array {
  const tcpHeader = seg.flags.includes('SYN') ? TCP + MSS_OPTION : TCP;
  const payload = Math.max(0, Math.min(seg.len, SNAPLEN - ETH - IP - tcpHeader));
  const frame = new Uint8Array(ETH + IP + tcpHeader + payload);
  const view = new DataView(frame.buffer);
  const srcIp = hostIp(src);
  const dstIp = hostIp(dst);

  frame.set(hostMac(dst), 0);
  frame.set(hostMac(src), 6);
  view.setUint16(12, 0x0800);

  view.setUint8(ETH, 0x45); // version 4, IHL 5
  view.setUint16(ETH + 2, IP + tcpHeader + payload);
  view.setUint16(ETH + 4, ipId & 0xffff);
  view.setUint16(ETH + 6, 0x4000); // DF, fragment offset 0
  view.setUint8(ETH + 8, 64);
  view.setUint8(ETH + 9, 6);
  frame.set(srcIp, ETH + 12);
  frame.set(dstIp, ETH + 16);
  view.setUint16(ETH + 10, internetChecksum(frame.subarray(ETH, ETH + IP)));

  const tcp = ETH + IP;
  view.setUint16(tcp, seg.sport);
  view.setUint16(tcp + 2, seg.dport);
  view.setUint32(tcp + 4, seg.seq >>> 0);
  view.setUint32(tcp + 8, (seg.ack ?? 0) >>> 0);
  view.setUint8(tcp + 12, (tcpHeader / 4) << 4);
  view.setUint8(tcp + 13, flagBits(seg.flags));
  view.setUint16(tcp + 14, Math.max(0, Math.min(seg.win, 0xffff)));
  if (tcpHeader > TCP) frame.set([2, 4, SYN_MSS >>> 8, SYN_MSS & 0xff], tcp + TCP);
  const tcpBytes = frame.subarray(tcp);
  view.setUint16(tcp + 16, internetChecksum(pseudoHeader(srcIp, dstIp, tcpBytes.length), tcpBytes));
  return frame;
}

/** FLAG_ORDER is header-bit order: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
function flagBits(flags: readonly Flag[]): number {
  return flags.reduce((bits, flag) => bits | (1 << FLAG_ORDER.indexOf(flag)), 0);
}

const BIT_NAMES = [...FLAG_ORDER, 'URG', 'ECE', 'CWR'] as const;

export interface PcapPacket {
  /** Seconds since 1970, fractional. */
  ts: number;
  srcIp: string;
  dstIp: string;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  /** Names of the set bits, FIN SYN RST PSH ACK URG ECE CWR in bit order. */
  flags: string[];
  win: number;
  payloadLen: number;
  ipId: number;
  /** The MSS option's value, or null when the segment carries none. */
  mss: number | null;
  ipChecksumOk: boolean;
  tcpChecksumOk: boolean;
}

export interface PcapFile {
  linktype: number;
  packets: PcapPacket[];
}

/** Reads a classic pcap of Ethernet+IPv4+TCP frames (either byte order, µs or ns); throws on anything else. */
export function readPcap(bytes: Uint8Array): PcapFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < GLOBAL_HEADER) throw new Error('pcap: file shorter than its global header');
  const format = [
    { magic: 0xa1b2c3d4, little: true, scale: 1e6 },
    { magic: 0xa1b2c3d4, little: false, scale: 1e6 },
    { magic: 0xa1b23c4d, little: true, scale: 1e9 },
    { magic: 0xa1b23c4d, little: false, scale: 1e9 },
  ].find((f) => view.getUint32(0, f.little) === f.magic);
  if (!format) throw new Error('pcap: not a classic pcap file (bad magic number)');
  const { little, scale } = format;
  const linktype = view.getUint32(20, little);
  if (linktype !== LINKTYPE_ETHERNET) throw new Error(`pcap: link type ${linktype} is not Ethernet`);
  const packets: PcapPacket[] = [];
  for (let offset = GLOBAL_HEADER; offset < bytes.length;) {
    if (offset + RECORD_HEADER > bytes.length)
      throw new Error(`pcap: packet ${packets.length + 1}: truncated record header`);
    const ts = view.getUint32(offset, little) + view.getUint32(offset + 4, little) / scale;
    const captured = view.getUint32(offset + 8, little);
    const start = offset + RECORD_HEADER;
    if (start + captured > bytes.length) throw new Error(`pcap: packet ${packets.length + 1}: truncated data`);
    packets.push(readFrame(bytes.subarray(start, start + captured), ts, packets.length + 1));
    offset = start + captured;
  }
  return { linktype, packets };
}

function readFrame(frame: Uint8Array, ts: number, n: number): PcapPacket {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const fail = (why: string): never => {
    throw new Error(`pcap: packet ${n}: ${why}`);
  };
  if (frame.length < ETH + IP || view.getUint16(12) !== 0x0800) fail('not IPv4 over Ethernet');
  const ihl = (view.getUint8(ETH) & 0x0f) * 4;
  const totalLength = view.getUint16(ETH + 2);
  if (view.getUint8(ETH) >> 4 !== 4 || ihl < IP || view.getUint8(ETH + 9) !== 6) fail('not IPv4 carrying TCP');
  const tcp = ETH + ihl;
  if (frame.length < tcp + TCP) fail('truncated TCP header');
  const dataOffset = (view.getUint8(tcp + 12) >> 4) * 4;
  const tcpLength = totalLength - ihl;
  const src = frame.subarray(ETH + 12, ETH + 16);
  const dst = frame.subarray(ETH + 16, ETH + 20);
  const bits = view.getUint8(tcp + 13);
  const complete = frame.length >= ETH + totalLength;
  return {
    ts,
    srcIp: formatIp(src),
    dstIp: formatIp(dst),
    sport: view.getUint16(tcp),
    dport: view.getUint16(tcp + 2),
    seq: view.getUint32(tcp + 4),
    ack: view.getUint32(tcp + 8),
    flags: BIT_NAMES.filter((_, bit) => (bits & (1 << bit)) !== 0),
    win: view.getUint16(tcp + 14),
    payloadLen: tcpLength - dataOffset,
    ipId: view.getUint16(ETH + 4),
    mss: readMss(frame.subarray(tcp + TCP, Math.min(frame.length, tcp + dataOffset))),
    ipChecksumOk: onesComplementSum(frame.subarray(ETH, tcp)) === 0xffff,
    tcpChecksumOk:
      complete &&
      onesComplementSum(
        frame.subarray(tcp, ETH + totalLength),
        onesComplementSum(pseudoHeader(src, dst, tcpLength)),
      ) === 0xffff,
  };
}

/** Walks the TCP options (RFC 9293 §3.2) for kind 2, MSS. */
function readMss(options: Uint8Array): number | null {
  for (let k = 0; k < options.length;) {
    const kind = options[k] ?? 0;
    if (kind === 0) return null;
    if (kind === 1) {
      k += 1;
      continue;
    }
    const length = options[k + 1] ?? 0;
    if (length < 2) return null;
    if (kind === 2 && length === 4) return ((options[k + 2] ?? 0) << 8) | (options[k + 3] ?? 0);
    k += length;
  }
  return null;
}
