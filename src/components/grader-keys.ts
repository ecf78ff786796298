/**
 * Build-time answer keys for the instructor's grader page: every assignment in
 * exercises/assignments/, its key computed by the model here (buildKey, the same call
 * `npm run grade` makes), so the page's worker only compares answers. Never shipped as code:
 * the keys go out as /grader-key/<id>.json, fetched when the instructor grades.
 */
import { buildKey, type AnswerKey } from '../assign/key.ts';
import { modelVersion } from '../assign/model-version.ts';
import { parseAssignment } from '../assign/parse.ts';
import { formatError } from '../scenario/parse.ts';
import { allExercises } from './exercises.ts';

const assignmentFiles = import.meta.glob('/exercises/assignments/*.{yaml,yml}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const modelFiles = import.meta.glob('/src/model/**/*.ts', { query: '?raw', import: 'default', eager: true });

let keys: AnswerKey[] | null = null;

const strip = (files: Record<string, unknown>): [string, string][] =>
  Object.entries(files)
    .map(([path, text]): [string, string] => [path.replace(/^\//, ''), String(text)])
    .sort(([a], [b]) => (a < b ? -1 : 1));

/** Every assignment's answer key, in file order; a broken assignment fails the build (npm run check says why). */
export function graderKeys(): AnswerKey[] {
  if (keys) return keys;
  const course = allExercises();
  const version = modelVersion(Object.fromEntries(strip(modelFiles)));
  keys = strip(assignmentFiles).map(([file, text]) => {
    const parsed = parseAssignment(text, file, course.exercises);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
    return buildKey(parsed.assignment, course.exercises, version);
  });
  return keys;
}
