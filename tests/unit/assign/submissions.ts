/**
 * Submissions as a learner's browser would make them, for the grader's tests (Vitest and the
 * e2e grader spec): the answers are the model's for the learner's own variant, solved afresh
 * (not read from the answer key), with the first `wrong` answers changed to another choice.
 */
import { pickVariant } from '../../../src/assign/hash.ts';
import { loadAssignment } from '../../../src/assign/load.ts';
import type { AnswerKey } from '../../../src/assign/key.ts';
import type { Assignment } from '../../../src/assign/parse.ts';
import { SUBMISSION_FORMAT, type Submission } from '../../../src/assign/submission.ts';
import { variantOf } from '../../../src/assign/variants.ts';
import { solveExercise } from '../../../src/exercises/solve.ts';
import { course, ROOT } from '../exercises/course.ts';

export { course, ROOT };

export async function assignmentNamed(id: string): Promise<{ assignment: Assignment; key: AnswerKey }> {
  const loaded = await loadAssignment(ROOT, course, id);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded;
}

export function modelSubmission(
  { assignment, key }: { assignment: Assignment; key: AnswerKey },
  learner: string,
  { wrong = 0, at = '2026-12-10T10:00:00Z' }: { wrong?: number; at?: string } = {},
): Submission {
  const answers = assignment.exercises.flatMap((id) => {
    const base = course.exercises.get(id);
    if (base === undefined) throw new Error(id);
    const v = variantOf(base, pickVariant(assignment.id, learner, id, assignment.pool));
    return solveExercise(v).questions.flatMap((s) =>
      'check' in s ? [] : [{ exercise: id, question: s.question.id, answer: s.answer ?? '', at, choices: s.choices }],
    );
  });
  return {
    format: SUBMISSION_FORMAT,
    assignment: key.assignment.id,
    version: key.version,
    learner,
    submittedAt: at,
    build: 'test',
    answers: answers.map(({ choices, ...a }, i) => ({
      ...a,
      answer: i < wrong ? (choices.find((c) => c !== a.answer) ?? a.answer) : a.answer,
    })),
  };
}
