/**
 * The exercise checker: an exercise file must parse, sit in the folder of its lesson, and be
 * well posed — every question answered by the model, exactly one right choice among those
 * offered, every `expect:` as the model says, every belief's answer computed, every goal
 * reachable and not met at the start. Pure: the file's text and the scenarios in, problems out.
 */
import { BELIEF_IDS } from '../model/index.ts';
import { parseExercise } from '../exercises/parse.ts';
import { solveExercise, type SolvedExercise } from '../exercises/solve.ts';
import type { ParsedScenario } from '../scenario/parse.ts';
import type { FileReport } from './report.ts';

export interface ExerciseContext {
  scenarios: ReadonlyMap<string, ParsedScenario>;
  /** Lesson ids that exist (content/lessons/en/), or null when unknown. */
  lessons: readonly string[] | null;
}

/** `00-normal-close/x.yaml`: a lesson folder under exercises/. */
export const LESSON_FOLDER = /^[0-9]{2}-[a-z0-9-]+\//;

export function checkExercise(
  text: string,
  file: string,
  underExercises: string,
  context: ExerciseContext,
): { report: FileReport; solved: SolvedExercise | null } {
  const ids = [...context.scenarios.keys()].sort();
  const parsed = parseExercise(text, file, (id) => context.scenarios.get(id), ids);
  if (!parsed.ok) return { report: { file, problems: parsed.errors, expects: false, checks: 0 }, solved: null };
  const { exercise } = parsed;
  const problems: FileReport['problems'] = [];
  const folder = underExercises.split('/')[0] ?? '';
  const lessonLine = text.split('\n').findIndex((l) => l.startsWith('lesson:')) + 1 || null;
  if (folder !== exercise.lesson) {
    problems.push({
      file,
      line: lessonLine,
      message: `lesson '${exercise.lesson}' does not match its folder exercises/${folder}/`,
    });
  } else if (context.lessons !== null && !context.lessons.includes(exercise.lesson)) {
    problems.push({ file, line: lessonLine, message: `no lesson '${exercise.lesson}' in content/lessons/` });
  }
  const solved = solveExercise(exercise);
  for (const p of solved.problems) problems.push({ file, ...p });
  for (const s of solved.questions) {
    if ('check' in s) continue;
    const missing = BELIEF_IDS.filter((b) => !(b in s.beliefs));
    if (missing.length > 0)
      problems.push({ file, line: s.question.line, message: `no answer computed for ${missing.join(', ')}` });
  }
  const expects = exercise.questions.filter((q) => q.ask !== 'goal' && q.expect !== undefined).length;
  return {
    report: { file, problems, expects: expects > 0, checks: exercise.questions.length + expects },
    solved: problems.length === 0 ? solved : null,
  };
}
