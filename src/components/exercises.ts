/**
 * Build-time registry of the exercises in exercises/NN-lesson/: parsed once with the
 * scenarios they name. Pages get each exercise's view (exerciseView) from here; none of
 * this ships to the browser.
 */
import { exercisesOf, readCourse, type Course } from '../exercises/course.ts';
import type { Exercise } from '../exercises/types.ts';

const scenarioFiles = import.meta.glob('/exercises/scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const exerciseFiles = import.meta.glob('/exercises/[0-9][0-9]-*/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let course: Course | null = null;

const strip = (files: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^\//, ''), String(text)]));

export function allExercises(): Course {
  if (course) return course;
  course = readCourse(strip(scenarioFiles), strip(exerciseFiles));
  if (course.errors.length > 0) throw new Error(course.errors.join('\n'));
  return course;
}

/** A lesson's exercises (by lesson id, e.g. 08-crash-reboot), in file order. */
export function lessonExercises(lesson: string): Exercise[] {
  return exercisesOf(allExercises(), lesson);
}
