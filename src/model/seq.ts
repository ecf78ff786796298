/** 32-bit sequence-number arithmetic (RFC 9293 §3.4: comparisons are modulo 2^32). */

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Signed distance from a to b, in (-2^31, 2^31]. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(b, a) > 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(b, a) >= 0;
}

/** lo <= x < hi, modulo 2^32. */
export function seqInWindow(x: number, lo: number, size: number): boolean {
  const d = seqDiff(x, lo);
  return d >= 0 && d < size;
}
