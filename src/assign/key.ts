/**
 * The answer key of an assignment: for every exercise, every pool entry's answers as the model
 * computes them (once per entry), with the beliefs each wrong choice signals and the rule that
 * decided the answer. Plain JSON, so the build can embed it in the grader page and the CLI and
 * the browser grade from the very same data.
 */
import type { BeliefId, LocalizedText, Reason } from '../model/index.ts';
import { solveExercise, type SolvedChoiceQuestion } from '../exercises/solve.ts';
import type { Exercise } from '../exercises/types.ts';
import { hashText } from './hash.ts';
import type { Assignment } from './parse.ts';
import { variantOf } from './variants.ts';

export interface KeyQuestion {
  id: string;
  ask: string;
  answer: string;
  choices: string[];
  /** Wrong choice → beliefs it signals. */
  diagnoses: Record<string, BeliefId[]>;
  /** The rule behind the answer, when a segment decided it. */
  reason: Reason | null;
}

export interface KeyExercise {
  id: string;
  title: LocalizedText;
  /** The choice questions, in order, with their prompts as written. */
  questions: { id: string; ask: string; prompt: LocalizedText }[];
  /** pool[k].questions[i] answers questions[i] for variant k. */
  pool: { questions: KeyQuestion[] }[];
}

export interface AnswerKey {
  format: 1;
  assignment: {
    id: string;
    title: LocalizedText;
    mode: 'practice' | 'exam';
    due: string | null;
    pass: number;
    pool: number;
  };
  /** Hash of the assignment, its exercises and scenarios, and the model. */
  version: string;
  exercises: KeyExercise[];
}

/** Every pool entry's exercise (entry 0 is as written). */
export function poolOf(exercise: Exercise, pool: number): Exercise[] {
  return Array.from({ length: pool }, (_, k) => variantOf(exercise, k));
}

/** The answer-key version: changes when the assignment, an exercise, a scenario or the model does. */
export function keyVersion(assignment: Assignment, exercises: readonly Exercise[], modelVersion: string): string {
  return hashText(JSON.stringify({ assignment: assignment.source, exercises, model: modelVersion }));
}

export function buildKey(
  assignment: Assignment,
  course: ReadonlyMap<string, Exercise>,
  modelVersion: string,
): AnswerKey {
  const exercises = assignment.exercises.map((id) => {
    const e = course.get(id);
    if (e === undefined) throw new Error(`${assignment.file}: no exercise '${id}'`);
    return e;
  });
  return {
    format: 1,
    assignment: {
      id: assignment.id,
      title: assignment.title,
      mode: assignment.mode,
      due: assignment.dueText,
      pass: assignment.pass,
      pool: assignment.pool,
    },
    version: keyVersion(assignment, exercises, modelVersion),
    exercises: exercises.map((e) => keyExercise(e, assignment.pool)),
  };
}

function keyExercise(exercise: Exercise, pool: number): KeyExercise {
  const choice = exercise.questions.filter((q) => q.ask !== 'goal');
  return {
    id: exercise.id,
    title: exercise.title,
    questions: choice.map((q) => ({ id: q.id, ask: q.ask, prompt: q.prompt })),
    pool: poolOf(exercise, pool).map((variant) => {
      const solved = solveExercise(variant);
      return {
        questions: solved.questions
          .filter((s): s is SolvedChoiceQuestion => !('check' in s))
          .map((s) => ({
            id: s.question.id,
            ask: s.question.ask,
            answer: s.answer ?? '',
            choices: [...s.choices],
            diagnoses: Object.fromEntries(Object.entries(s.diagnoses).map(([k, v]) => [k, [...v]])),
            reason: s.evidence?.reason ?? null,
          })),
      };
    }),
  };
}
