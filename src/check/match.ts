/**
 * Compares a trace with a scenario's `expect:` checks. Pure: a trace and checks in, one
 * message per failed check out, each saying what was expected, what the model produced
 * and where the two first differ. Reads the trace only; it decides nothing about TCP.
 */
import type { Trace, TraceEvent, TraceSegment } from '../model/trace.ts';
import type { Check, ResultPattern, SegmentPattern } from '../scenario/expect.ts';
import { flagNotation, hostLabel } from '../scenario/notation.ts';

/** A failed check: the line of its key and the message, without file or profile. */
export interface Mismatch {
  line: number | null;
  message: string;
}

/** Longest wire or result list shown in a message; the rest is counted. */
const SHOWN = 60;

/** Every failed check, in the order the checks are given. */
export function matchChecks(trace: Trace, checks: readonly Check[]): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const check of checks) {
    const message = mismatch(trace, check);
    if (message !== null) mismatches.push({ line: check.line, message });
  }
  return mismatches;
}

function mismatch(trace: Trace, check: Check): string | null {
  const show = (list: readonly (SegmentPattern | TraceSegment)[]) => wireText(list, trace.hosts);
  const got = trace.segments;
  switch (check.kind) {
    case 'wire': {
      const at = firstDifference(check.segments, got);
      if (at === null) return null;
      const where = difference(check.segments[at], got[at], show);
      return `expected wire ${show(check.segments)} — got ${show(got)} (segment ${at + 1}: ${where})`;
    }
    case 'wire-includes': {
      const { missing, after } = subsequence(check.segments, got, matches);
      if (missing === null) return null;
      return `expected wire-includes ${show(check.segments)} — got ${show(got)} (${notFound(show([missing]), after, 'segment')})`;
    }
    case 'never': {
      const seen = got.find((s) => matches(check.segment, s));
      if (seen === undefined) return null;
      return `expected never ${show([check.segment])} — got ${show(got)} (segment ${seen.i + 1}: ${show([seen])}, reason ${seen.reason})`;
    }
    case 'results': {
      const calls = trace.events.filter(
        (e): e is Extract<TraceEvent, { kind: 'call' }> => e.kind === 'call' && e.host === check.host,
      );
      const { missing, after } = subsequence(check.expected, calls, isResult);
      if (missing === null) return null;
      const gotText = shorten(calls.map((e) => `${e.call}:${e.result}`)) || '(no calls)';
      const expected = check.expected.map(resultText).join(' ');
      return `expected ${check.host} results ${expected} — got ${gotText} (${notFound(resultText(missing), after, 'call')})`;
    }
  }
}

function matches(pattern: SegmentPattern, seg: TraceSegment): boolean {
  return pattern.host === seg.from && flagNotation(pattern.flags) === flagNotation(seg.flags);
}

function isResult(pattern: ResultPattern, call: Extract<TraceEvent, { kind: 'call' }>): boolean {
  return pattern.result === call.result && (pattern.call === undefined || pattern.call === call.call);
}

/** The first index where the wires differ (including one ending first), or null when equal. */
function firstDifference(expected: readonly SegmentPattern[], got: readonly TraceSegment[]): number | null {
  const length = Math.max(expected.length, got.length);
  for (let i = 0; i < length; i++) {
    const e = expected[i];
    const g = got[i];
    if (e === undefined || g === undefined || !matches(e, g)) return i;
  }
  return null;
}

/** Where a wire first differs: flags only when the hosts agree. */
function difference(
  expected: SegmentPattern | undefined,
  seen: TraceSegment | undefined,
  show: (list: readonly (SegmentPattern | TraceSegment)[]) => string,
): string {
  if (expected === undefined) return `${seen === undefined ? '' : show([seen])} seen, none expected`;
  if (seen === undefined) return `${show([expected])} expected, none seen`;
  if (expected.host === seen.from) return `${flagNotation(expected.flags)} expected, ${flagNotation(seen.flags)} seen`;
  return `${show([expected])} expected, ${show([seen])} seen`;
}

function notFound(item: string, after: number | null, what: string): string {
  return after === null ? `${item} not found` : `${item} not found after ${what} ${after + 1}`;
}

/**
 * Whether `wanted` appears in `list` in order. Matching each item at its earliest
 * possible place is optimal, so the first item that cannot be placed is the answer:
 * `missing` is that item, `after` the index in `list` of the previous item's match.
 */
function subsequence<W, L>(
  wanted: readonly W[],
  list: readonly L[],
  same: (w: W, l: L) => boolean,
): { missing: W | null; after: number | null } {
  let from = 0;
  for (const w of wanted) {
    const found = list.findIndex((l, i) => i >= from && same(w, l));
    if (found === -1) return { missing: w, after: from === 0 ? null : from - 1 };
    from = found + 1;
  }
  return { missing: null, after: null };
}

/** A wire in the notation; a run of one segment shows once with its count (`c:P.×12`), as behaviour.md writes `c:P. × n`. */
function wireText(list: readonly (SegmentPattern | TraceSegment)[], hosts: readonly string[]): string {
  if (list.length === 0) return "''";
  const words = list.map((s) => `${hostLabel('host' in s ? s.host : s.from, hosts)}:${flagNotation(s.flags)}`);
  const runs: string[] = [];
  for (let i = 0; i < words.length;) {
    let end = i + 1;
    while (words[end] === words[i]) end++;
    runs.push(end - i > 2 ? `${words[i] ?? ''}×${end - i}` : words.slice(i, end).join(' '));
    i = end;
  }
  return shorten(runs);
}

function resultText(p: ResultPattern): string {
  return p.call === undefined ? p.result : `${p.call}:${p.result}`;
}

function shorten(words: readonly string[]): string {
  const shown = words.slice(0, SHOWN).join(' ');
  return words.length > SHOWN ? `${shown} … (${words.length - SHOWN} more)` : shown;
}
