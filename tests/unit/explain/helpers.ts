/** Shared by the explainer's tests: run the explainer on bytes, read the shared Linux captures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Explainer } from '../../../src/explain/explain.ts';
import type { Report } from '../../../src/explain/report.ts';
import type { Lang } from '../../../src/explain/words.ts';

/** The Linux captures behind behaviour.md, copied from shared/article/linux-captures. */
export const CAPTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'explain', 'linux');

export function captureText(id: string): Uint8Array {
  // A copy with its own buffer: a Buffer may be a view into a shared pool, and its slice() shares memory.
  return new Uint8Array(readFileSync(join(CAPTURES, `${id}.txt`)));
}

/** The explainer's report for a whole file given at once, or in chunks of `chunk` bytes. */
export function explainBytes(bytes: Uint8Array, file = 'capture', lang: Lang = 'en', chunk = 0): Report {
  const explainer = new Explainer(file, { lang });
  if (chunk <= 0) explainer.feed(bytes);
  else for (let at = 0; at < bytes.length; at += chunk) explainer.feed(bytes.subarray(at, at + chunk));
  return explainer.end();
}

export function resetsOf(report: Report) {
  return report.connections.flatMap((c) => c.resets).sort((a, b) => a.t - b.t || a.packet - b.packet);
}

export function finsOf(report: Report) {
  return report.connections.flatMap((c) => c.fins).sort((a, b) => a.t - b.t || a.packet - b.packet);
}
