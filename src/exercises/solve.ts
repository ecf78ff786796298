/**
 * Every answer of an exercise, computed by the model: the real one (the scenario's own
 * profile), the one each belief predicts, and which wrong choice each belief diagnoses. Pure;
 * one simulation per belief per exercise, shared by its questions.
 */
import {
  BELIEF_IDS,
  ScenarioRunError,
  simulate,
  type BeliefId,
  type Trace,
  type TraceSegment,
} from '../model/index.ts';
import { readAnswer } from './answers.ts';
import { checkGoal, type GoalCheck } from './goal.ts';
import { defaultChoices } from './kinds.ts';
import type { ChoiceQuestion, Exercise, GoalQuestion } from './types.ts';

export interface SolvedChoiceQuestion {
  question: ChoiceQuestion;
  /** The model's answer under the exercise's profile; null when it gives none (a problem says why). */
  answer: string | null;
  /** The segment that decided it, if one did. */
  evidence: TraceSegment | null;
  /** The socket the answer is about (state, result) and the call whose result it is. */
  socket: string | null;
  call: string | null;
  /** What is offered: the author's subset, or every answer of the kind. */
  choices: readonly string[];
  /** Every belief's answer; null where the belief predicts nothing here (its run stops, or no such event). */
  beliefs: Readonly<Record<BeliefId, string | null>>;
  /** Wrong choices a belief predicts, with the beliefs that predict each. */
  diagnoses: Readonly<Record<string, readonly BeliefId[]>>;
}

export interface SolvedGoalQuestion {
  question: GoalQuestion;
  check: GoalCheck;
}

export type SolvedQuestion = SolvedChoiceQuestion | SolvedGoalQuestion;

export interface ExerciseProblem {
  line: number | null;
  message: string;
}

export interface SolvedExercise {
  exercise: Exercise;
  /** The real trace: what the player shows. */
  trace: Trace | null;
  questions: SolvedQuestion[];
  /** What makes a question ill-posed, or an `expect:` the model disagrees with. */
  problems: ExerciseProblem[];
}

const solved = new WeakMap<Exercise, SolvedExercise>();

/** Solves once per exercise object (grading and rendering ask again and again). */
export function solveExercise(exercise: Exercise): SolvedExercise {
  const cached = solved.get(exercise);
  if (cached !== undefined) return cached;
  const result = solveUncached(exercise);
  solved.set(exercise, result);
  return result;
}

function run(exercise: Exercise, options: Parameters<typeof simulate>[1]): Trace | ScenarioRunError {
  try {
    return simulate(exercise.scenario, options);
  } catch (error) {
    if (error instanceof ScenarioRunError) return error;
    throw error;
  }
}

function solveUncached(exercise: Exercise): SolvedExercise {
  const problems: ExerciseProblem[] = [];
  const real = run(exercise, { profile: exercise.profile });
  if (real instanceof ScenarioRunError) {
    problems.push({ line: real.line, message: `the scenario cannot run: ${real.message}` });
    return { exercise, trace: null, questions: [], problems };
  }
  const base = exercise.profile === 'linux' ? real : run(exercise, { profile: 'linux' });
  const believed = new Map<BeliefId, Trace | null>();
  for (const id of BELIEF_IDS) {
    const t = run(exercise, { belief: id });
    believed.set(id, t instanceof ScenarioRunError ? null : t);
  }
  const questions = exercise.questions.map((q): SolvedQuestion => {
    if (q.ask === 'goal') {
      const check = checkGoal(exercise.scenario, exercise.profile, q);
      if (!check.ok)
        problems.push({ line: q.goalLine ?? q.line, message: `question ${q.index + 1}: ${check.message}` });
      return { question: q, check };
    }
    return solveChoice(q, real, base instanceof ScenarioRunError ? null : base, believed, problems);
  });
  return { exercise, trace: real, questions, problems };
}

function solveChoice(
  q: ChoiceQuestion,
  real: Trace,
  base: Trace | null,
  believed: ReadonlyMap<BeliefId, Trace | null>,
  problems: ExerciseProblem[],
): SolvedChoiceQuestion {
  const where = `question ${q.index + 1}`;
  const reading = readAnswer(real, q);
  const answer = reading.ok ? reading.answer : null;
  const choices = q.choices ?? defaultChoices(q);
  if (!reading.ok) problems.push({ line: q.line, message: `${where}: the model gives no answer — ${reading.why}` });
  else if (!choices.includes(reading.answer)) {
    problems.push({
      line: q.choicesLine ?? q.line,
      message: `${where}: the model's answer '${reading.answer}' is not among the choices`,
    });
  }
  if (answer !== null && q.expect !== undefined && q.expect !== answer) {
    const seg = reading.ok ? reading.evidence : null;
    const detail = seg === null ? '' : ` (segment ${seg.i + 1} in step ${seg.step}, reason ${seg.reason})`;
    problems.push({
      line: q.expectLine ?? q.line,
      message: `${where}: expect ${q.expect} — the model says ${answer}${detail}`,
    });
  }
  const baseAnswer = base === null ? null : answerOf(base, q);
  const beliefs = {} as Record<BeliefId, string | null>;
  const diagnoses: Record<string, BeliefId[]> = {};
  for (const [id, trace] of believed) {
    const predicted = trace === null ? null : answerOf(trace, q);
    beliefs[id] = predicted;
    // A belief shows in a wrong choice only where it changes what its base, linux, does.
    if (predicted === null || predicted === answer || predicted === baseAnswer || !choices.includes(predicted))
      continue;
    (diagnoses[predicted] ??= []).push(id);
  }
  return {
    question: q,
    answer,
    evidence: reading.ok ? reading.evidence : null,
    socket: reading.ok ? (reading.socket ?? null) : null,
    call: reading.ok ? (reading.call ?? null) : null,
    choices,
    beliefs,
    diagnoses,
  };
}

function answerOf(trace: Trace, q: ChoiceQuestion): string | null {
  const r = readAnswer(trace, q);
  return r.ok ? r.answer : null;
}
