/**
 * A small, fast, deterministic string hash (two FNV-1a 32-bit lanes), the same in the browser
 * and on Node: it picks a learner's variant and names the answer-key version. Not a security
 * measure — a learner can compute any variant in the browser anyway.
 */

function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 16 hex digits. */
export function hashText(text: string): string {
  const a = fnv1a(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a(text, 0x050c5d1f).toString(16).padStart(8, '0');
  return a + b;
}

/** Which pool entry (0 … pool−1) a learner gets for an exercise of an assignment. */
export function pickVariant(assignmentId: string, learnerId: string, exerciseId: string, pool: number): number {
  if (pool <= 1) return 0;
  return fnv1a(`${assignmentId}\u0000${learnerId}\u0000${exerciseId}`, 0x811c9dc5) % pool;
}
