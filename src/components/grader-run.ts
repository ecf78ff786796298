/**
 * The instructor page's grading run, as its Web Worker does it: the chosen files and the
 * pasted codes become Sources, and the shared run (src/assign/sources.ts, the CLI's too)
 * grades them. Also the messages between the page and the worker. Web APIs only.
 */
import type { AnswerKey } from '../assign/key.ts';
import type { FileError, Input } from '../assign/grade.ts';
import { gradeInputs, inputsOf, tooLarge, type GradeRun, type Source } from '../assign/sources.ts';

/** What the page sends: the answer key, the chosen files, the pasted codes (named), a roster file. */
export interface GradeRequest {
  seq: number;
  key: AnswerKey;
  files: readonly File[];
  codes: readonly { name: string; text: string }[];
  roster: File | null;
}

export interface SummaryRow {
  learner: string;
  score: number;
  correct: number;
  total: number;
  passed: boolean;
  late: boolean;
  file: string;
}

/** What the table on the page shows. */
export interface Summary {
  rows: SummaryRow[];
  errors: FileError[];
  missing: string[] | null;
  unknown: string[] | null;
}

export type GradeReply =
  | { seq: number; kind: 'progress'; done: number; total: number }
  | { seq: number; kind: 'graded'; summary: Summary; csv: string; report: string }
  | { seq: number; kind: 'error'; message: string };

/** Progress is told about every this many files, and at the end. */
const TELL_EVERY = 25;

async function sourceOf(file: File): Promise<Source> {
  const refused = tooLarge(file.name, file.size);
  if (refused !== null) return refused;
  try {
    return { file: file.name, text: await file.text() };
  } catch {
    return { file: file.name, error: { id: 'unreadable' } };
  }
}

export function summaryOf(run: GradeRun): Summary {
  return {
    rows: run.graded.results.map((r) => ({
      learner: r.learner,
      score: r.score,
      correct: r.correct,
      total: r.total,
      passed: r.passed,
      late: r.late,
      file: r.file,
    })),
    errors: run.graded.errors,
    missing: run.roster?.missing ?? null,
    unknown: run.roster?.unknown ?? null,
  };
}

/** Reads and grades everything in the request, file by file; `tell(done, total)` as they are read. */
export async function gradeRequest(
  request: Omit<GradeRequest, 'seq'>,
  tell: (done: number, total: number) => void,
): Promise<GradeRun> {
  const sources: (File | Source)[] = [...request.files, ...request.codes.map((c) => ({ file: c.name, text: c.text }))];
  const inputs: Input[] = [];
  let done = 0;
  for (const source of sources) {
    inputs.push(...(await inputsOf(source instanceof File ? await sourceOf(source) : source)));
    if (++done % TELL_EVERY === 0) tell(done, sources.length);
  }
  const roster = request.roster === null ? null : await request.roster.text().catch(() => '');
  const run = gradeInputs(request.key, inputs, roster);
  tell(sources.length, sources.length);
  return run;
}
