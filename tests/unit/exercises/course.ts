/** The shipped course, read once per test file. */
import { join } from 'node:path';
import { loadCourse } from '../../../src/exercises/load.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const course = await loadCourse(ROOT);
export const exercises = [...course.exercises.values()];
