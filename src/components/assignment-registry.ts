/**
 * Build-time registry of the assignments in exercises/assignments/: each parsed against the
 * course, with its answer key (src/assign/key.ts, the grader's very code) and every pool entry
 * of every exercise. The model's version comes from the text of src/model/, as the CLI reads
 * it, so the answer-key version in the page is the one `npm run grade` expects. None of this
 * ships to the browser.
 */
import { buildKey, poolOf, type AnswerKey } from '../assign/key.ts';
import { modelVersion } from '../assign/model-version.ts';
import { parseAssignment, type Assignment } from '../assign/parse.ts';
import { formatError } from '../scenario/parse.ts';
import type { Exercise } from '../exercises/types.ts';
import { allExercises } from './exercises.ts';

const assignmentFiles = import.meta.glob('/exercises/assignments/*.{yaml,yml}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const modelFiles = import.meta.glob('/src/model/**/*.ts', { query: '?raw', import: 'default', eager: true });

export interface AssignmentEntry {
  assignment: Assignment;
  key: AnswerKey;
  /** By exercise id: pool[k] is variant k, the exercise the grader's key answers for entry k. */
  pools: Map<string, Exercise[]>;
}

let entries: AssignmentEntry[] | null = null;

const texts = (files: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^\//, ''), String(text)]));

/** Every assignment, sorted by id; a file that does not parse stops the build (npm run check says why). */
export function allAssignments(): AssignmentEntry[] {
  if (entries) return entries;
  const course = allExercises().exercises;
  const version = modelVersion(texts(modelFiles));
  const errors: string[] = [];
  const found: AssignmentEntry[] = [];
  for (const [file, text] of Object.entries(texts(assignmentFiles)).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = parseAssignment(text, file, course);
    if (!parsed.ok) {
      errors.push(...parsed.errors.map(formatError));
      continue;
    }
    const { assignment } = parsed;
    const pools = new Map(
      assignment.exercises.map((id) => {
        const exercise = course.get(id);
        if (exercise === undefined) throw new Error(`${file}: no exercise '${id}'`);
        return [id, poolOf(exercise, assignment.pool)] as const;
      }),
    );
    found.push({ assignment, key: buildKey(assignment, course, version), pools });
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  entries = found.sort((a, b) => a.assignment.id.localeCompare(b.assignment.id));
  return entries;
}
