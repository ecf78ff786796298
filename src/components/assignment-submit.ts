/**
 * The learner's submission (src/assign/submission.ts's format): built from the stored answers,
 * saved as a JSON file or packed into a TRL1. text code. The packing code is imported only when
 * the learner asks for a code, so the page's initial JS stays small.
 */
import type { Submission } from '../assign/submission.ts';
import type { Stored } from './assignment-store.ts';

export interface SubmissionMeta {
  format: string;
  assignment: string;
  version: string;
  build: string;
}

/** Every stored answer to a question of the learner's variant, in the page's order. */
export function buildSubmission(
  meta: SubmissionMeta,
  learner: string,
  stored: Stored,
  questions: readonly { exercise: string; question: string }[],
  now: Date,
): Submission {
  const answers = questions.flatMap(({ exercise, question }) => {
    const a = stored.answers.get(`${exercise}/${question}`);
    return a === undefined ? [] : [{ exercise, question, answer: a.answer, at: a.at }];
  });
  return {
    format: meta.format as Submission['format'],
    assignment: meta.assignment,
    version: meta.version,
    learner,
    submittedAt: now.toISOString(),
    build: meta.build,
    answers,
  };
}

/** A file name from the assignment and the learner id, safe on every file system. */
export const submissionFileName = (s: Submission): string =>
  `${s.assignment}-${s.learner.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80)}.json`;

/** Saves the submission as a file through the browser's download. */
export function downloadSubmission(s: Submission): string {
  const name = submissionFileName(s);
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(s, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The TRL1. code of the submission. */
export async function submissionText(s: Submission): Promise<string> {
  const { submissionCode } = await import('../assign/submission.ts');
  return submissionCode(s);
}
