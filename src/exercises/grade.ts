/**
 * grade(exercise, question, answer): the one grading function, for the page's feedback and the
 * instructor's grader (issue 9). A choice is compared with the model's answer; a goal's steps
 * are checked against the toolbox and run through the model. Pure.
 */
import type { BeliefId } from '../model/index.ts';
import { readGoalStep, runGoal } from './goal.ts';
import { solveExercise } from './solve.ts';
import type { Exercise } from './types.ts';

/** Most steps a goal answer may add: a real solution needs a handful. */
export const MAX_GOAL_STEPS = 30;

export type GoalAnswer = { steps: readonly string[] };

export type Grade =
  | { valid: true; kind: 'choice'; correct: boolean; answer: string; diagnosis: readonly BeliefId[] }
  | { valid: true; kind: 'goal'; correct: boolean; message?: string }
  | { valid: false; message: string };

export function grade(exercise: Exercise, questionId: string, answer: string | GoalAnswer): Grade {
  const solved = solveExercise(exercise);
  const s = solved.questions.find((x) => x.question.id === questionId);
  if (s === undefined) return { valid: false, message: `exercise '${exercise.id}' has no question '${questionId}'` };
  if ('check' in s) {
    if (typeof answer === 'string') return { valid: false, message: 'a goal is answered with steps' };
    if (answer.steps.length > MAX_GOAL_STEPS) return { valid: false, message: `at most ${MAX_GOAL_STEPS} steps` };
    const steps = [];
    for (const [i, text] of answer.steps.entries()) {
      const read = readGoalStep(s.question, exercise.scenario.hosts, text, i);
      if (!read.ok) return { valid: false, message: read.message };
      steps.push(read.step);
    }
    const run = runGoal(exercise.scenario, exercise.profile, s.question, steps);
    if (!run.ok) return { valid: true, kind: 'goal', correct: false, message: run.message };
    return { valid: true, kind: 'goal', correct: run.met };
  }
  if (typeof answer !== 'string') return { valid: false, message: 'this question is answered with one of its choices' };
  if (!s.choices.includes(answer)) return { valid: false, message: `'${answer}' is not one of the choices` };
  if (s.answer === null) return { valid: false, message: 'the model gives this question no answer (npm run check)' };
  return {
    valid: true,
    kind: 'choice',
    correct: answer === s.answer,
    answer: s.answer,
    diagnosis: s.diagnoses[answer] ?? [],
  };
}
