/** Internet checksum (RFC 1071) and the lab's made-up addresses for its hosts. */

/** One's-complement sum of 16-bit big-endian words, folded to 16 bits; an odd last byte is padded with zero. */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  const even = bytes.length & ~1;
  for (let k = 0; k < even; k += 2) sum += ((bytes[k] ?? 0) << 8) | (bytes[k + 1] ?? 0);
  if (even < bytes.length) sum += (bytes[even] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The checksum field value: the complement of the sum over every part (each part but the last of even length). */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) sum = onesComplementSum(part, sum);
  return ~sum & 0xffff;
}

/** The TCP/IPv4 pseudo-header of RFC 9293 §3.1: source, destination, zero, protocol 6, TCP length. */
export function pseudoHeader(src: Uint8Array, dst: Uint8Array, tcpLength: number): Uint8Array {
  const bytes = new Uint8Array(12);
  bytes.set(src, 0);
  bytes.set(dst, 4);
  bytes[9] = 6;
  bytes[10] = (tcpLength >>> 8) & 0xff;
  bytes[11] = tcpLength & 0xff;
  return bytes;
}

/** Host i (its index in `trace.hosts`) is 10.0.0.(i+1); past 254 hosts the count carries into the third byte. */
export function hostIp(index: number): Uint8Array {
  const n = index + 1;
  return Uint8Array.of(10, 0, (n >>> 8) & 0xff, n & 0xff);
}

/** Host i's locally administered MAC, 02:00:00:00:00:(i+1). */
export function hostMac(index: number): Uint8Array {
  const n = index + 1;
  return Uint8Array.of(0x02, 0, 0, 0, (n >>> 8) & 0xff, n & 0xff);
}

export function formatIp(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}
