/**
 * What a question may ask and the words its answers are written in. An answer is always one
 * of these strings; the model decides which (answers.ts), never the exercise file.
 */
import { CATALOGUE, FLAG_ORDER, REASONS, TCP_STATES, type Flag, type Reason } from '../model/index.ts';

export const ASK_KINDS = ['next-segment', 'state', 'result', 'reason', 'goal'] as const;
export type AskKind = (typeof ASK_KINDS)[number];

/** What a segment is, as the course names it: RST+ACK counts as RST, FIN+ACK as FIN, any payload as data. */
export const SEGMENT_CLASSES = ['RST', 'FIN', 'ACK', 'SYN', 'SYN-ACK', 'data'] as const;
export type SegmentClass = (typeof SEGMENT_CLASSES)[number];

/** The answer when the host sends no segment in the question's window. */
export const NOTHING = 'nothing';

/** Exact flag sets offered by `detail: flags` when the author lists none (PSH is part of the set). */
export const DEFAULT_FLAG_SETS = ['SYN', 'SYN+ACK', 'ACK', 'PSH+ACK', 'FIN+ACK', 'RST', 'RST+ACK'] as const;

/** What an application can see from a call (DESIGN.md Contract 2), the answers of `result`. */
export const APP_RESULTS = [
  'ok',
  'eof',
  'EAGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
] as const;

export const RST_REASONS: readonly Reason[] = REASONS.filter((r) => CATALOGUE[r].kind === 'rst');
export const FIN_REASONS: readonly Reason[] = REASONS.filter((r) => CATALOGUE[r].kind === 'fin');

/** A segment's class (precedence: RST, SYN-ACK, SYN, FIN, data, ACK). */
export function segmentClass(flags: readonly Flag[], len: number): SegmentClass {
  if (flags.includes('RST')) return 'RST';
  if (flags.includes('SYN')) return flags.includes('ACK') ? 'SYN-ACK' : 'SYN';
  if (flags.includes('FIN')) return 'FIN';
  return len > 0 ? 'data' : 'ACK';
}

/** Exact flags in header order joined by '+': "RST+ACK", "PSH+ACK". */
export function flagSet(flags: readonly Flag[]): string {
  return FLAG_ORDER.filter((f) => flags.includes(f)).join('+');
}

/** Is this a flag set written as `detail: flags` answers are ("FIN+ACK")? */
export function isFlagSet(text: string): boolean {
  const parts = text.split('+');
  return (
    parts.length > 0 &&
    parts.every((p) => (FLAG_ORDER as readonly string[]).includes(p)) &&
    new Set(parts).size === parts.length &&
    flagSet(parts as Flag[]) === text
  );
}

/** The choices a question offers when its author lists none. */
export function defaultChoices(q: {
  ask: Exclude<AskKind, 'goal'>;
  detail?: 'flags' | undefined;
  of?: 'rst' | 'fin' | undefined;
}): readonly string[] {
  switch (q.ask) {
    case 'next-segment':
      return [...(q.detail === 'flags' ? DEFAULT_FLAG_SETS : SEGMENT_CLASSES), NOTHING];
    case 'state':
      return TCP_STATES;
    case 'result':
      return APP_RESULTS;
    case 'reason':
      return q.of === 'fin' ? FIN_REASONS : RST_REASONS;
  }
}

/** Every word a question of this kind may be answered with (choices and `expect:` must be among them). */
export function vocabulary(q: Parameters<typeof defaultChoices>[0]): readonly string[] {
  if (q.ask === 'next-segment' && q.detail === 'flags') return [];
  return defaultChoices(q);
}
