/**
 * The course's exercises from file texts: scenarios first (exercises name them by id), then
 * every exercise file. Pure, so the Astro build (import.meta.glob), the CLIs and the tests
 * all read the same way; load.ts is the Node edge that reads the files.
 */
import { formatError, parseScenario, type ParsedScenario } from '../scenario/parse.ts';
import { parseExercise } from './parse.ts';
import type { Exercise } from './types.ts';

export interface Course {
  scenarios: Map<string, ParsedScenario>;
  /** By exercise id. */
  exercises: Map<string, Exercise>;
  /** `FILE:LINE: message` for every file that does not parse (npm run check says more). */
  errors: string[];
}

/** `files` maps a path shown in errors (`exercises/08-crash-reboot/x.yaml`) to its text. */
export function readCourse(
  scenarioFiles: Readonly<Record<string, string>>,
  exerciseFiles: Readonly<Record<string, string>>,
): Course {
  const errors: string[] = [];
  const scenarios = new Map<string, ParsedScenario>();
  for (const [file, text] of Object.entries(scenarioFiles)) {
    const parsed = parseScenario(text, file);
    if (parsed.ok) scenarios.set(parsed.scenario.id, parsed.scenario);
    else errors.push(...parsed.errors.map(formatError));
  }
  const ids = [...scenarios.keys()].sort();
  const exercises = new Map<string, Exercise>();
  for (const [file, text] of Object.entries(exerciseFiles).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = parseExercise(text, file, (id) => scenarios.get(id), ids);
    if (!parsed.ok) errors.push(...parsed.errors.map(formatError));
    else if (exercises.has(parsed.exercise.id))
      errors.push(`${file}: exercise id '${parsed.exercise.id}' is used twice`);
    else exercises.set(parsed.exercise.id, parsed.exercise);
  }
  return { scenarios, exercises, errors };
}

/** A lesson's exercises, in file order. */
export function exercisesOf(course: Course, lesson: string): Exercise[] {
  return [...course.exercises.values()].filter((e) => e.lesson === lesson);
}
