/**
 * One TCP segment as a capture shows it, whatever the file format: the fields the
 * explainer reasons about and nothing more. Sequence arithmetic is modulo 2^32.
 */

/** TCP header flag bits (RFC 9293 §3.1). */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

export interface Packet {
  /** 1-based number of the record in the file (the line number for tcpdump text). */
  n: number;
  /** Seconds since 1970 (or since midnight, for text without a date). */
  ts: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  flags: number;
  /** null: tcpdump text printed none (a pure ACK); the tracker fills in the sender's next sequence number. */
  seq: number | null;
  /** null when the ACK flag is clear. */
  ack: number | null;
  /** Payload bytes (from the IP length, so a short snap length does not hide data). */
  len: number;
  win: number;
  /** Window scale option of a SYN, or null. */
  wscale: number | null;
}

/** Why a record is not a TCP segment the explainer can use; counted in the report's `skipped`. */
export type SkipWhy =
  'not-ip' | 'not-tcp' | 'ip-fragment' | 'truncated' | 'bad-header' | 'link-type' | 'empty-record' | 'text-line';

/** Flag names in header-bit order, as Contract 2 writes them (FIN SYN RST PSH ACK), then URG. */
export function flagNames(flags: number): string[] {
  const names: string[] = [];
  if (flags & FIN) names.push('FIN');
  if (flags & SYN) names.push('SYN');
  if (flags & RST) names.push('RST');
  if (flags & PSH) names.push('PSH');
  if (flags & ACK) names.push('ACK');
  if (flags & URG) names.push('URG');
  return names;
}

export const seqAdd = (a: number, n: number): number => (a + n) >>> 0;
/** a − b as a signed 32-bit distance. */
export const seqDiff = (a: number, b: number): number => (a - b) | 0;
export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) < 0;

/** Sequence space a segment occupies: its payload, plus one for SYN and one for FIN. */
export function seqSpace(flags: number, len: number): number {
  return len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
}

/** `10.0.0.1:80`, `[2001:db8::1]:80`. */
export function endpoint(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
