/**
 * A Leitner schedule: a question answered right cleanly moves up a box and comes back later;
 * a miss or a hint sends it back to box 1, due at once. Pure: the clock comes in.
 */
export type Box = 1 | 2 | 3 | 4 | 5;

/** Days until a question in each box comes back. */
export const INTERVAL_DAYS: Readonly<Record<Box, number>> = { 1: 0, 2: 1, 3: 3, 4: 7, 5: 21 };

const DAY_MS = 24 * 60 * 60 * 1000;

const dueFrom = (box: Box, now: Date): string => new Date(now.getTime() + INTERVAL_DAYS[box] * DAY_MS).toISOString();

/** The box after a right answer: one up when it was clean (from box 1 for a first answer), else box 1. */
export function afterAnswer(box: Box | null, clean: boolean, now: Date): { box: Box; due: string } {
  const next: Box = clean ? (Math.min((box ?? 1) + 1, 5) as Box) : 1;
  return { box: next, due: dueFrom(next, now) };
}

export function afterHint(now: Date): { box: Box; due: string } {
  return { box: 1, due: dueFrom(1, now) };
}

export interface ReviewItem {
  key: string;
  box: Box;
  due: string;
  solved: boolean;
}

/**
 * What the review page brings back now: questions once missed or hinted whose box is due, or
 * that were never answered right; box 1 first, then the longest overdue.
 */
export function dueForReview(
  questions: Readonly<Record<string, { box: Box; due: string; solved: boolean; struggled: boolean }>>,
  now: Date,
): ReviewItem[] {
  return Object.entries(questions)
    .filter(([, r]) => r.struggled && (!r.solved || Date.parse(r.due) <= now.getTime()))
    .map(([key, r]) => ({ key, box: r.box, due: r.due, solved: r.solved }))
    .sort((a, b) => a.box - b.box || Date.parse(a.due) - Date.parse(b.due) || a.key.localeCompare(b.key));
}

/** How many questions sit in each box (only those answered or tried). */
export function boxCounts(questions: Readonly<Record<string, { box: Box }>>): Record<Box, number> {
  const counts: Record<Box, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of Object.values(questions)) counts[r.box] += 1;
  return counts;
}
