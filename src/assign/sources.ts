/**
 * The grading run shared by `npm run grade` and the instructor page's worker: the texts of
 * submission files (or why a file was not read) and a roster in; the graded results, the CSV
 * gradebook and the misconception report out. Each shell only reads files its own way. Pure.
 */
import { gradeAll, type Graded, type Input } from './grade.ts';
import { compareRoster, gradebookCsv, misconceptionReport, readRoster, type RosterCheck } from './gradebook.ts';
import type { AnswerKey } from './key.ts';
import type { Rejection } from './rejection.ts';
import { MAX_SUBMISSION_BYTES, readSubmissionText } from './submission.ts';

/** A submission file's text, or why it was not read (too large, unreadable). */
export type Source = { file: string; text: string } | { file: string; error: Rejection };

export interface GradeRun {
  graded: Graded;
  roster: RosterCheck | null;
  csv: string;
  report: string;
}

/** A file of `size` bytes is refused before it is read. */
export const tooLarge = (file: string, size: number): Source | null =>
  size > MAX_SUBMISSION_BYTES ? { file, error: { id: 'too-large' } } : null;

/** Every submission in one source (a file may hold several codes), with the file it came from. */
export async function inputsOf(source: Source): Promise<Input[]> {
  if ('error' in source) return [{ file: source.file, read: { ok: false, why: source.error } }];
  return (await readSubmissionText(source.text)).map((read) => ({ file: source.file, read }));
}

/** Grades what was read and writes the gradebook and report; `rosterText` is a roster CSV or null. */
export function gradeInputs(key: AnswerKey, inputs: readonly Input[], rosterText: string | null): GradeRun {
  const graded = gradeAll(key, inputs);
  const learners = rosterText === null ? null : readRoster(rosterText);
  const roster = learners === null ? null : compareRoster(graded, learners);
  return {
    graded,
    roster,
    csv: gradebookCsv(key, graded, learners),
    report: misconceptionReport(key, graded, roster),
  };
}
