/**
 * The learner's progress as data: one record per question, keyed `exercise/question` so both
 * locales share it, stored as JSON under a versioned localStorage key. Pure: reading never
 * throws, and data this version cannot read comes back as `setAside` with the reason, to be
 * kept for export rather than overwritten.
 */
import { afterAnswer, afterHint, type Box } from './leitner.ts';

export const PROGRESS_KEY = 'tcp-reset-lab:progress:v1';
/** Where unreadable data is kept, untouched, so the learner can still export it. */
export const SET_ASIDE_KEY = 'tcp-reset-lab:progress:set-aside';
export const FORMAT = 'tcp-reset-lab-progress';
export const VERSION = 1;

export interface QuestionRecord {
  /** Answers submitted, right or wrong. */
  attempts: number;
  /** The first time it was resolved, it was right at the first answer without hints. */
  firstTry: boolean;
  /** Hints shown in all. */
  hints: number;
  /** ISO 8601: the last answer or hint. */
  when: string;
  /** Answered right at least once. */
  solved: boolean;
  /** The Leitner box (1 = bring back soon … 5 = known). */
  box: Box;
  /** ISO 8601: when the review page brings it back. */
  due: string;
  /** Ever missed or needed a hint: such questions are the review page's. */
  struggled: boolean;
  /** The round in progress: misses and hints since it was last answered right. */
  pending: { misses: number; hints: number };
}

export interface Progress {
  format: typeof FORMAT;
  version: typeof VERSION;
  questions: Record<string, QuestionRecord>;
}

export type Problem = 'unreadable' | 'foreign' | 'newer';

export interface Loaded {
  progress: Progress;
  /** The text that could not be read, and why; null when all was well. */
  setAside: { text: string; problem: Problem } | null;
}

export const emptyProgress = (): Progress => ({ format: FORMAT, version: VERSION, questions: {} });

const KEY = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e6;
const isDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

function readRecord(v: unknown): QuestionRecord | null {
  if (!isObject(v)) return null;
  const { attempts, firstTry, hints, when, solved, box, due, struggled, pending } = v;
  if (!isCount(attempts) || !isCount(hints) || typeof firstTry !== 'boolean' || !isDate(when)) return null;
  if (typeof solved !== 'boolean' || typeof struggled !== 'boolean' || !isDate(due)) return null;
  if (box !== 1 && box !== 2 && box !== 3 && box !== 4 && box !== 5) return null;
  if (!isObject(pending) || !isCount(pending['misses']) || !isCount(pending['hints'])) return null;
  return {
    attempts,
    firstTry,
    hints,
    when,
    solved,
    box,
    due,
    struggled,
    pending: { misses: pending['misses'], hints: pending['hints'] },
  };
}

/** Reads stored or imported text; `null` (nothing stored) is an empty progress. Never throws. */
export function readProgress(text: string | null): Loaded {
  if (text === null || text.trim() === '') return { progress: emptyProgress(), setAside: null };
  const fail = (problem: Problem): Loaded => ({ progress: emptyProgress(), setAside: { text, problem } });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('unreadable');
  }
  if (!isObject(data) || data['format'] !== FORMAT) return fail('foreign');
  const version = data['version'];
  if (typeof version !== 'number') return fail('unreadable');
  if (version > VERSION) return fail('newer');
  if (version !== VERSION || !isObject(data['questions'])) return fail('unreadable');
  const questions: Record<string, QuestionRecord> = {};
  for (const [key, value] of Object.entries(data['questions'])) {
    const record = readRecord(value);
    if (!KEY.test(key) || record === null) return fail('unreadable');
    questions[key] = record;
  }
  return { progress: { format: FORMAT, version: VERSION, questions }, setAside: null };
}

export const writeProgress = (p: Progress): string => JSON.stringify(p);

function fresh(now: Date): QuestionRecord {
  const when = now.toISOString();
  return {
    attempts: 0,
    firstTry: false,
    hints: 0,
    when,
    solved: false,
    box: 1,
    due: when,
    struggled: false,
    pending: { misses: 0, hints: 0 },
  };
}

const withRecord = (p: Progress, key: string, record: QuestionRecord): Progress => ({
  ...p,
  questions: { ...p.questions, [key]: record },
});

/** One answer: a miss keeps the round open; a right answer closes it and moves the Leitner box. */
export function recordAnswer(p: Progress, key: string, correct: boolean, now: Date): Progress {
  const old = p.questions[key] ?? fresh(now);
  const when = now.toISOString();
  const attempts = old.attempts + 1;
  if (!correct) {
    return withRecord(p, key, {
      ...old,
      attempts,
      when,
      struggled: true,
      pending: { ...old.pending, misses: old.pending.misses + 1 },
    });
  }
  const clean = old.pending.misses === 0 && old.pending.hints === 0;
  const { box, due } = afterAnswer(old.solved ? old.box : null, clean, now);
  return withRecord(p, key, {
    ...old,
    attempts,
    when,
    firstTry: old.solved ? old.firstTry : clean,
    solved: true,
    box,
    due,
    pending: { misses: 0, hints: 0 },
  });
}

/** One hint shown: counted, and the question goes back to the first box. */
export function recordHint(p: Progress, key: string, now: Date): Progress {
  const old = p.questions[key] ?? fresh(now);
  const { box, due } = afterHint(now);
  return withRecord(p, key, {
    ...old,
    hints: old.hints + 1,
    when: now.toISOString(),
    struggled: true,
    box,
    due,
    pending: { ...old.pending, hints: old.pending.hints + 1 },
  });
}
